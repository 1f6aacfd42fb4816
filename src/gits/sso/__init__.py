"""Single sign-on: OpenID Connect and SAML 2.0 beside the local password login (issue 16).

Configured only by environment variables (README, "Konfiguration"); with none set, SSO is off
and the login page is the local one."""
