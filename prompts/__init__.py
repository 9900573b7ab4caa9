"""Every prompt, English and Chinese, as data: the companion's replies (`companion`), reflection's
summaries and portrait (`reflection`), and the reply evaluation's judge (`judge`)."""
