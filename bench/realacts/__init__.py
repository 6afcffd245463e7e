"""Accuracy of `delib` on real acts: facts against hand-counted sidecars, false alarms, mutation score.

`bench/accuracy.py` is the command. This package never imports `validator`: it runs `delib` as a
user does (`python -m validator check|extract`, JSON output) and reads the acts with patterns of its
own, so that what it measures cannot borrow the reading it is measuring.
"""
