"""The local NemoVideo-compatible backend (optional extra ``local``)."""
