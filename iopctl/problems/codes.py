"""The catalogue of diagnostic codes.

Codes are stable: once published, a code keeps its meaning (users filter on
them in CI). ``docs/diagnostics.md`` is checked against this table by the tests.

Ranges: IOP0xx reading the file, IOP1xx schema, IOP2xx consistency,
IOP3xx what an active agreement must (error) or should (warning) state,
IOP4xx across files, IOP5xx index files.
"""

from __future__ import annotations

__all__ = ["CODES"]

CODES: dict[str, str] = {
    "IOP001": "file or folder cannot be read, is not a regular file, or is larger than 10 MiB",
    "IOP002": "YAML syntax error",
    "IOP003": "file is not UTF-8 text (Windows-1252, UTF-16, binary)",
    "IOP004": "input exceeds a safety bound (nesting, values, aliases, text, scheduled dates, "
    "problems per file)",
    "IOP005": "file is empty or its top level is not a mapping",
    "IOP006": "unsupported YAML tag or merge key",
    "IOP007": "a key is not text",
    "IOP008": "duplicate key",
    "IOP009": "symbolic link pointing outside the repository or the folder given (not read)",
    "IOP010": "number too long or too large (more than 32 characters, beyond 10^±30)",
    "IOP101": "required field missing",
    "IOP102": "unknown field",
    "IOP103": "wrong type of value",
    "IOP104": "value not allowed",
    "IOP105": "invalid date",
    "IOP106": "amount or percent written as text or with a thousands separator",
    "IOP107": "YAML 1.1 read a value as a boolean, number or date where text was expected",
    "IOP108": "invalid id",
    "IOP109": "invalid length of time",
    "IOP110": "text nests Markdown too deeply to be turned into a document",
    "IOP201": "organisationsnummer malformed or wrong check digit",
    "IOP202": "period or extension ends before it starts",
    "IOP203": "reference to a party that does not exist",
    "IOP204": "an IOP needs at least one public and one non-profit party",
    "IOP205": "declared yearly total differs from the sum of contributions",
    "IOP206": "volunteer value differs from hours × hourly rate",
    "IOP207": "follow-up, signature or amendment dated outside the period",
    "IOP208": "notice period longer than the agreement",
    "IOP209": "decision deadline after the end of the period",
    "IOP210": "unknown index name",
    "IOP211": "extension without a time limit (HFD 2020:15)",
    "IOP212": "party id used twice",
    "IOP213": "period length does not match start and end",
    "IOP214": "unusually long period (warning over 10 years, error over 100)",
    "IOP215": "status terminated without a recorded notice",
    "IOP216": "more extensions recorded than the agreement allows",
    "IOP217": "indexation starts in or before the base year",
    "IOP218": (
        "indexation starts in or before the first year, and no base year says the price level"
    ),
    "IOP219": "a contribution states its money in more than one way",
    "IOP220": "a party's declared total differs from its contributions",
    "IOP221": "an amount is stated for a year outside the period",
    "IOP230": "status differs from the status the dates and history give",
    "IOP231": "extension, notice or amendment written in its older place",
    "IOP232": "history entry dated outside the agreement's life",
    "IOP233": "history refers to a report, source, contribution or field that does not exist",
    "IOP234": "amount paid differs from the amount due",
    "IOP235": "history not in date order",
    "IOP236": "more than one notice or early end",
    "IOP237": "a year's amount is unknown because a date is known only in part",
    "IOP238": "acknowledgement that matches no warning",
    "IOP250": "a clause quoted in a field is not in the signed text (original)",
    "IOP301": "active agreement without a period",
    "IOP302": "party of an active agreement without organisationsnummer",
    "IOP303": "active agreement without contributions",
    "IOP304": "active agreement without a notice period",
    "IOP305": "active agreement without follow-up frequency",
    "IOP310": "no responsibilities stated for a party",
    "IOP311": "no steering group, working group or meeting frequency",
    "IOP312": "no clause on rescission and disputes",
    "IOP313": "no clause on changes and amendments",
    "IOP314": "no purpose/social challenge or goals",
    "IOP315": "no signatures recorded",
    "IOP316": "the agreement document needs a field the agreement leaves out",
    "IOP401": "id used by more than one file",
    "IOP402": "file name does not match the id",
    "IOP403": "replaces / replaced_by not matched by the other agreement",
    "IOP501": "index file does not exist",
    "IOP502": "two values for the same index, year and status in one file",
    "IOP503": "an index value the computation needs is not published (or not in any index file)",
}
