"""The annual follow-up's workflow: the analysts' commentary per goal and year, and approving
(fastställa) a year so that the board's version survives later imports. Every change is written
to the audit log in the same transaction."""
