from counter.limits import install as _install_limits

_install_limits()
