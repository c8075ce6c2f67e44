// End-to-end tests of the kpireview binary land here.
