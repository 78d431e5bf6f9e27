"""Updates of the installed desktop: the layout of an installation and its launchers
(:mod:`layout`, :mod:`launch`, standard library only), the update archives (:mod:`archive`),
and checking, downloading and staging a release verified with TUF (:mod:`client`)."""
