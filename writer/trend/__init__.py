"""writer trend: how a formulation (提法) rose and faded, from the per-year evidence of a bank."""
