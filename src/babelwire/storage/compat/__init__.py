"""Transitional (issue 12): the pre-port storage modules, as shims over the store.

``babelwire.storage.articles``, ``.entries``, ``.sources``, ``.translations``,
``.memory``, ``.provenance``, ``.source_admin``, ``.db`` and ``.migrations``
are found here: ``storage/__init__.py`` adds this folder to the package's
path. Their old files moved to ``storage/sqlite/`` (so git follows the
renames when other branches that edited them merge). Import them by their
old names, never as ``storage.compat.*``; remove them once no caller is left.
"""
