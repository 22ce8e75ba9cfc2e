"""``iopctl migrate``: move what older files record in older places into ``history``.

Files written before ``history`` existed record extensions in ``period.extensions_taken``,
notice in ``termination.record`` and amendments in ``amendments`` (IOP231). Migrating
rewrites such a file so that each becomes a ``history`` entry, and keeps everything else
as it was, byte for byte: comments, quoting, key order, blank lines.

* :mod:`.legacy`: which older places a file uses and the entries they stand for, on plain
  data (no YAML library): what the result must say.
* :mod:`.layout`: where things are in the text (lines, comments, where entries go), from
  the nodes PyYAML composes.
* :mod:`.emit`: the new entries as YAML text, written by ruamel.yaml's round-trip mode
  from the original values (quoting kept). Only this module imports ruamel.yaml, and
  only ``iopctl migrate`` imports it.
* :mod:`.run`: one file planned, checked (the result must validate and say exactly what
  :mod:`.legacy` says) and written atomically; many files for the command.
"""
