"""Python every worker installs next to its own package: the heal-values merge format
(heal_values), the parser-bomb guard (parse_guard), how values and errors are shown
(display) and the base of our stdout/stderr stand-ins (text_output). Private like
``_heal_runner``: a program's ``import parse_guard`` finds nothing.
"""
