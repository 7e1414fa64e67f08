"""Daily and weekly reports: the report model, its templates (en, ru, tr), chart, map and PDF."""
