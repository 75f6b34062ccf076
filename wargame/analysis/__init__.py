"""Looking back at games and ahead at scenarios, without a screen: the after-action
report, and (with the computer players) balance runs."""
