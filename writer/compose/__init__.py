"""What suggest, outline and render share: the name guard, heading analysis and filling,
passages assembled from the bank, section themes and titles.

Modules here import only writer.bank, writer.corpus, writer.io, writer.zh and writer.errors.
"""
