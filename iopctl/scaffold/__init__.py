"""New files: one agreement (``iopctl new``) and a whole repository (``iopctl init``).

Plain functions, no typer or rich: the command line asks the questions (or reads them
from options) and these modules do the rest.

* :mod:`.answers`: what the user tells us, typed answers parsed into a :class:`NewAgreement`.
* :mod:`.new`: the commented YAML file (``iopctl/data/new/agreement.yaml.j2``), checked with
  the real loader and checks before it is written.
* :mod:`.init`: the files of a new repository (templates in ``iopctl/data/init/``).
* :mod:`.files`: where the schema copy is, and writing without losing an existing file.
"""
