"""Hospital CRM: the international patient journey from first inquiry to follow-up."""

__version__ = "0.1.0"
