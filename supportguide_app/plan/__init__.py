"""The user's plan and the pure rules over it (no Qt)."""
