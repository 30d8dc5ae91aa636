"""Writing assignment packs: validate one, scaffold a new one, describe the checks."""
