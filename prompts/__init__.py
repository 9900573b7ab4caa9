"""Every prompt, English and Chinese, as data (arrives with the companion graph issue)."""
