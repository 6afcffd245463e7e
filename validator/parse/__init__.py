"""Parse: the reading view to sections (the Lark grammar's line classes) grouped into acts (parse stage)."""
