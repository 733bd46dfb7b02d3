"""The EST lägesbild (effektiv samordning för trygghet): the weekly survey and event log read as
the Thursday meeting looks at them — tests against chance, ranking of concerns and sentences."""
