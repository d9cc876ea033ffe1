"""The evidence archive (issue 15): every fetched feed and page kept as WARC records.

    recorder.py  the fetcher's recorder: request + response records, gzip, revisits for
                 payloads already kept, one file per UTC day, an index row in the store
    export.py    standard WARC files for a date range or a story; retention
"""
