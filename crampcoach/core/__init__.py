"""Pure domain logic: standard library only, no clock or files it was not handed."""
