"""Claims: tracked claim files, the evidence sentences and stances of each article towards each claim, verdicts and candidate claims."""
