"""Reflection prompts, English and Chinese: the paper's four intents (a day's events, a day's
personality and response strategy, the overall events, the overall portrait). The overall ones
are written afresh from the latest days' texts (`memory.reflection.Reflector.overall_days`): a
small model asked to update its previous text copied it, and the portrait stayed that of the
first day for good (EVALUATION.md, "The overall summary and portrait").
A day's events are written from each speaker's words apart: the user's words alone ("daily_events"),
then the companion's alone ("daily_advice", what it recommended or suggested). Shown the whole
dialogue, the bundled model gave the companion's recommendations to the user ("Emily also
recommended '1984'") or to "they", or left them out; and a day's summary is what recall finds once
its turns have faded (EVALUATION.md, "Who recommended it").
The portrait is asked for in two parts, the traits the latest days share ("portrait_traits") and
how the user feels on the last ones and how to respond ("portrait_lately"): asked for all of it at
once, the bundled model sometimes walked through the days, in Chinese to 437 characters
(EVALUATION.md, "A portrait in two parts").
"""

REFLECTION = {
    "en": {
        "dialogue_turn": "{user}: {query}\nSiliconFriend: {response}",
        "said_line": "- {text}",
        "daily_events": (
            "Here is what {user} told their AI companion SiliconFriend on {date}:\n\n{lines}\n\n"
            "Summarize in two to four sentences the events and facts {user} mentioned that day "
            "(people, places, plans, problems), so that they can be remembered later. Write only "
            "the summary."
        ),
        "daily_advice": (
            "Here is what SiliconFriend, {user}'s AI companion, said to {user} on {date}:\n\n"
            "{lines}\n\n"
            "In one or two sentences beginning with \"SiliconFriend\", write what SiliconFriend "
            "recommended, suggested or told {user}, keeping names and titles. If it recommended "
            "or suggested nothing, write only: none."
        ),
        "no_advice": "none",
        "daily_summary": "{events} {advice}",
        "daily_personality": (
            "Here is a conversation between {user} and their AI companion SiliconFriend on "
            "{date}:\n\n{dialogue}\n\n"
            "In two or three sentences, describe {user}'s personality traits and mood as shown "
            "that day, and the response strategy that would suit {user} best. Write only the "
            "description."
        ),
        "overall_events": (
            "Here are summaries of what {user} talked about with their AI companion "
            "SiliconFriend on each of the latest days, oldest first:\n{new}\n\n"
            "Write a summary of {user}'s life and recent events in at most six sentences, "
            "keeping names, places, plans and problems. Write only the summary."
        ),
        "portrait_traits": (
            "Here is how {user} came across in conversations with their AI companion "
            "SiliconFriend on each of the latest days, oldest first:\n{new}\n\n"
            "In one sentence beginning \"{user} is\", name the traits that show on most of "
            "these days. Write only that sentence."
        ),
        "portrait_lately": (
            "Here is how {user} came across in conversations with their AI companion "
            "SiliconFriend on the latest days, oldest first:\n{new}\n\n"
            "In two sentences, say how {user} has been feeling lately and how SiliconFriend can "
            "best respond to {user} now. Write only the two sentences."
        ),
        "portrait": "{traits} {lately}",
        "none_yet": "(none yet)",
        "new_day": "[{date}] {text}",
    },
    "cn": {
        "dialogue_turn": "{user}：{query}\n硅基朋友：{response}",
        "said_line": "- {text}",
        "daily_events": (
            "下面是{user}在{date}对AI伙伴硅基朋友说的话：\n\n{lines}\n\n"
            "请用两到四句话总结{user}当天提到的事件和信息（人物、地点、计划、困难），以便以后回忆。"
            "只写总结。"
        ),
        "daily_advice": (
            "下面是AI伙伴硅基朋友在{date}对{user}说的话：\n\n{lines}\n\n"
            "请用一两句话写出硅基朋友向{user}推荐、建议或告诉了什么，保留名字和书名，以“硅基朋友”开头。"
            "如果没有推荐或建议，只写“无”。"
        ),
        "no_advice": "无",
        "daily_summary": "{events}{advice}",
        "daily_personality": (
            "下面是{user}和AI伙伴硅基朋友在{date}的对话：\n\n{dialogue}\n\n"
            "请用两三句话描述{user}当天表现出的性格特点和情绪，以及最适合{user}的回应策略。只写描述。"
        ),
        "overall_events": (
            "下面是{user}最近每一天和AI伙伴硅基朋友聊到的事情的总结，按时间先后：\n{new}\n\n"
            "请用最多六句话总结{user}的生活和近况，保留人名、地点、计划和困难。只写总结。"
        ),
        "portrait_traits": (
            "下面是{user}最近每一天在和AI伙伴硅基朋友聊天时表现出的样子，按时间先后：\n{new}\n\n"
            "请用一句话写出{user}这些天里多数时候表现出的性格特点，写成“{user}是一个……的人。”只写这一句。"
        ),
        "portrait_lately": (
            "下面是{user}最近几天在和AI伙伴硅基朋友聊天时表现出的样子，按时间先后：\n{new}\n\n"
            "请用两句话写出{user}最近的心情，以及硅基朋友现在怎样回应{user}最合适。只写这两句话。"
        ),
        "portrait": "{traits}{lately}",
        "none_yet": "（暂无）",
        "new_day": "[{date}] {text}",
    },
}
