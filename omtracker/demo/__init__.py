"""The demo programme: documented facts about Assen Sportstad plus marked example content."""
