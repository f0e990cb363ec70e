"""Schemathesis hooks for policy serve: JSON Lines bodies are sent as text."""
import schemathesis

schemathesis.serializer.alias("application/x-ndjson", "text/plain")
