"""The judge's prompt for scoring the companion's answers, as the paper's human raters did:
correctness against the gold answer and coherence, each 0, 0.5 or 1. One English prompt serves
both languages (the judge reads Chinese too)."""

JUDGE = (
    "You grade an AI companion's answer to a user's question about their own past "
    "conversations with it.\n\n"
    "Question: {question}\n"
    "Gold answer: {answer}\n"
    "Companion's answer: {reply}\n\n"
    "Score two things, each 0, 0.5 or 1:\n"
    "- correctness: 1 if the answer gives the gold answer's information (for a question the "
    "gold answer says was never mentioned: 1 if the companion says it does not know or does not "
    "remember), 0.5 if partly right, 0 if wrong, missing or invented;\n"
    "- coherence: 1 if the answer is fluent, on topic and natural for a caring companion, 0.5 "
    "if awkward, 0 if incoherent.\n"
    'Reply with JSON only: {{"correctness": <score>, "coherence": <score>}}'
)
