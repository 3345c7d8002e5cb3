"""The city server (`city-server`): counties push their daily rollups (figures, never ops or personal data) and
the city's console shows every county's figures side by side, with the county console's own pages."""
