"""One module per check, each `check(repo) -> CheckResult`."""
