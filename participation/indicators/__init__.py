"""Neighbourhood indicators: means per area and year with intervals, reference values such as the Dordrecht
average, population figures, weighting to the population, response rates and reach per participation line."""
