"""Workers for a shared database: rounds of claimed work (``rounds``) run by N processes
(``processes``); see docs/deployment.md."""
