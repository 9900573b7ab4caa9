"""Reflection prompts, English and Chinese: the paper's four intents (a day's events, a day's
personality and response strategy, the overall events, the overall portrait). The overall ones
update the previous text with the new days only, so their cost does not grow with the history.
"""

REFLECTION = {
    "en": {
        "dialogue_turn": "{user}: {query}\nSiliconFriend: {response}",
        "daily_events": (
            "Here is a conversation between {user} and their AI companion SiliconFriend on "
            "{date}:\n\n{dialogue}\n\n"
            "Summarize in two to four sentences the events and facts {user} mentioned that day "
            "(people, places, plans, problems), so that they can be remembered later. Write only "
            "the summary."
        ),
        "daily_personality": (
            "Here is a conversation between {user} and their AI companion SiliconFriend on "
            "{date}:\n\n{dialogue}\n\n"
            "In two or three sentences, describe {user}'s personality traits and mood as shown "
            "that day, and the response strategy that would suit {user} best. Write only the "
            "description."
        ),
        "overall_events": (
            "Summary of {user}'s past events so far:\n{previous}\n\n"
            "Summaries of the days since then:\n{new}\n\n"
            "Write an updated overall summary of {user}'s past events in at most six sentences, "
            "keeping the most important facts. Write only the summary."
        ),
        "overall_portrait": (
            "Portrait of {user} so far:\n{previous}\n\n"
            "Readings of {user}'s personality and mood on the days since then:\n{new}\n\n"
            "Write an updated portrait of {user} in at most four sentences: their personality, "
            "their usual mood, and how best to respond to them. Write only the portrait."
        ),
        "none_yet": "(none yet)",
        "new_day": "[{date}] {text}",
    },
    "cn": {
        "dialogue_turn": "{user}：{query}\n硅基朋友：{response}",
        "daily_events": (
            "下面是{user}和AI伙伴硅基朋友在{date}的对话：\n\n{dialogue}\n\n"
            "请用两到四句话总结{user}当天提到的事件和信息（人物、地点、计划、困难），以便以后回忆。"
            "只写总结。"
        ),
        "daily_personality": (
            "下面是{user}和AI伙伴硅基朋友在{date}的对话：\n\n{dialogue}\n\n"
            "请用两三句话描述{user}当天表现出的性格特点和情绪，以及最适合{user}的回应策略。只写描述。"
        ),
        "overall_events": (
            "到目前为止{user}过去事件的总结：\n{previous}\n\n"
            "此后各天的总结：\n{new}\n\n"
            "请写一份更新后的{user}过去事件总结，最多六句话，保留最重要的信息。只写总结。"
        ),
        "overall_portrait": (
            "到目前为止{user}的画像：\n{previous}\n\n"
            "此后各天{user}的性格和情绪：\n{new}\n\n"
            "请写一份更新后的{user}画像，最多四句话：性格、通常的情绪，以及如何最好地回应。只写画像。"
        ),
        "none_yet": "（暂无）",
        "new_day": "[{date}] {text}",
    },
}
