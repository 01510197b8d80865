"""Stories: different reports of the same event grouped."""
