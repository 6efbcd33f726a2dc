"""wargame: a policy wargame and tabletop-exercise toolkit."""
