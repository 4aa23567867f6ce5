"""Which __import__ calls make up the leading import block of a main module.

The plan is read from the source with compile(..., PyCF_ONLY_AST) and the built-in _ast module, so
that planning does not import the (slow to import) ast module into programs that never need it.
"""

import _ast

_IMPORTS = (_ast.Import, _ast.ImportFrom)


def plan_import_calls(source, filename):
    """Plan the leading import block of `source`: (calls, last_line).

    `calls` has one entry per __import__ call of the block; entry i is the number of calls counted once call i has finished: i + 1 normally, or the end of
    the enclosing `try:` block when call i raised (the rest of that block's imports will not run).
    The block is the module's leading statements that are imports (`import a, b` makes one call per
    name, `from x import y` one call, `from __future__` included because it calls __import__ too),
    `try:` statements whose body is only imports (the optional-dependency idiom), and
    `if TYPE_CHECKING:` blocks (which make no call at run time); a leading docstring is skipped.
    `last_line` is the block's last source line (0 for an empty block): an import made from a
    later line proves the block is over even if the count fell short.
    Raises SyntaxError or ValueError when the source cannot be parsed.
    """
    module = compile(source, filename, "exec", _ast.PyCF_ONLY_AST, dont_inherit=True)
    plan = []
    last_line = 0
    for index, stmt in enumerate(module.body):
        if index == 0 and _is_docstring(stmt):
            continue
        if isinstance(stmt, _IMPORTS):
            for _ in range(_calls(stmt)):
                plan.append(len(plan) + 1)
        elif isinstance(stmt, _ast.Try) and stmt.body and all(isinstance(s, _IMPORTS) for s in stmt.body):
            end = len(plan) + sum(_calls(s) for s in stmt.body)
            plan.extend([end] * (end - len(plan)))
        elif _is_type_checking_block(stmt):
            continue
        else:
            break
        last_line = getattr(stmt, "end_lineno", None) or stmt.lineno
    return plan, last_line


def _calls(stmt):
    return len(stmt.names) if isinstance(stmt, _ast.Import) else 1


def _is_docstring(stmt):
    return (
        isinstance(stmt, _ast.Expr)
        and isinstance(stmt.value, _ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _is_type_checking_block(stmt):
    if not isinstance(stmt, _ast.If):
        return False
    test = stmt.test
    if isinstance(test, _ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, _ast.Attribute) and test.attr == "TYPE_CHECKING"
