"""The finance pages: thin views, forms check shape, the services check the rules (R-22 to
R-26). `common` holds what every page shares; `budgets`, `lines`, `invoices` and
`scenarios` the pages of each concern."""
