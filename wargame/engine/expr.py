"""The scenario expression language: parsed and evaluated by our own code.

Scenario text is data. Preconditions, chance modifiers, inject triggers, objective
metrics, persona weights and end conditions are written in a tiny language whose
whole grammar is below; anything outside it is rejected when the file is loaded,
and nothing written in a scenario ever reaches ``eval`` or ``exec``.

Grammar (lowest precedence first)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | "true" | "false" | NAME | NAME "." NAME
             | ("min" | "max") "(" expr ("," expr)+ ")" | "abs" "(" expr ")"
             | "if" "(" expr "," expr "," expr ")"
             | "released" "(" STRING ")"
             | ("played" | "last" | "times") "(" NAME "." NAME ")"
             | "(" expr ")"

``NAME`` is a state variable (a number), ``turn``, ``elapsed_hours`` or ``elapsed_days``
(time since turn 1 opened); ``role.action`` is true when that role chose that action
this turn. ``if(c, a, b)`` is a when c holds, else b. ``released("C-01")`` is true once
that inject has been released. ``played(r.a)`` is true if r made move a in an earlier
turn, ``last(r.a)`` if in the turn just before, ``times(r.a)`` counts the earlier turns
in which it did (a lens sees only the earlier moves it may know of). Expressions are typed: numbers and
truth values do not mix, so ``escalation and 3`` is an error at load time, not
a surprise in play. Division by zero gives 0, so evaluation is total.

Expressions are compiled to nested closures once, at load time, because the
autoplay of thousands of games evaluates them millions of times.
"""

# The compiled closures are lambdas with their operands bound as defaults (fast to call); mypy
# cannot infer such lambdas' types, so that one check is off here. Every closure is typed by
# ``_Node.run: Evaluator``.
# mypy: disable-error-code="misc"
from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Literal

MAX_LENGTH = 1000
MAX_DEPTH = 40
MAX_TOKENS = 256

Type = Literal["number", "bool"]


class ExprError(ValueError):
    """An expression that is not in the grammar, or that is badly typed.

    ``column`` is 1-based within the expression text, so that the scenario
    checker can point at the exact place in the YAML file.
    """

    def __init__(self, message: str, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


class Context:
    """What an expression may look at: the variables, the turn, this turn's moves; and, for the
    language-2 forms, the injects released so far, the turns in which earlier moves were made
    (only those the asking lens may know of), and the time elapsed since the start, in hours."""

    __slots__ = ("variables", "turn", "moves", "released", "earlier", "elapsed_hours")

    def __init__(
        self,
        variables: Mapping[str, float],
        turn: int = 0,
        moves: Set[tuple[str, str]] = frozenset(),
        released: Set[str] = frozenset(),
        earlier: Mapping[tuple[str, str], Sequence[int]] | None = None,
        elapsed_hours: float = 0.0,
    ) -> None:
        self.variables = variables
        self.turn = turn
        self.moves = moves
        self.released = released
        self.earlier = earlier if earlier is not None else {}
        self.elapsed_hours = elapsed_hours


Evaluator = Callable[[Context], float | bool]

Span = tuple[float, float]
"""What an expression can come to over every state a scenario allows: for a number, its lowest and
highest value; for a condition, (1.0 if it can be false, 1.0 if it can be true), 0.0 otherwise."""


class Bounds:
    """The ranges a static check assumes: each variable's (low, high) and the turn's (first, last)."""

    __slots__ = ("variables", "turn", "elapsed_hours")

    def __init__(self, variables: Mapping[str, Span], turn: Span = (0.0, float("inf")),
                 elapsed_hours: Span = (0.0, float("inf"))) -> None:
        self.variables = variables
        self.turn = turn
        self.elapsed_hours = elapsed_hours


Approximator = Callable[[Bounds], Span]


@dataclass(frozen=True, slots=True)
class Compiled:
    """A checked expression: its source, its type, what it refers to, and how to run it."""

    source: str
    type: Type
    variables: frozenset[str]
    moves: frozenset[tuple[str, str]]
    run: Evaluator
    span: Approximator
    earlier_moves: frozenset[tuple[str, str]] = frozenset()
    """Moves read through ``played``, ``last`` or ``times``: earlier turns' moves."""
    injects: frozenset[str] = frozenset()
    """Injects read through ``released``."""

    def __call__(self, ctx: Context) -> float | bool:
        """The value in ``ctx``; a number is always finite: beyond the largest float it is held at
        ±``sys.float_info.max``, and a result that is not a number (∞ − ∞) counts as 0."""
        value = self.run(ctx)
        if isinstance(value, float) and not math.isfinite(value):
            return 0.0 if math.isnan(value) else math.copysign(sys.float_info.max, value)
        return value

    def can_be_true(self, bounds: Bounds) -> bool:
        """Whether a condition can hold anywhere within ``bounds`` (a safe over-estimate: True when unsure)."""
        return self.span(bounds)[1] > 0

    def range(self, bounds: Bounds) -> Span:
        """The lowest and highest value a number can take within ``bounds`` (possibly wider than exact)."""
        return self.span(bounds)


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<number>\d+(?:\.\d+)?|\.\d+)
  | (?P<string>"[A-Za-z0-9][A-Za-z0-9_.-]*"|'[A-Za-z0-9][A-Za-z0-9_.-]*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)
  | (?P<op><=|>=|==|!=|[<>+\-*/(),])
    """,
    re.VERBOSE,
)

_KEYWORDS = {"and", "or", "not", "true", "false", "min", "max", "abs", "if", "released", "played", "last", "times"}
_MOVE_FUNCTIONS = ("played", "last", "times")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    column: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if match is None:
            raise ExprError(f"unexpected character {source[pos]!r}", pos + 1)
        kind = match.lastgroup or ""
        if kind != "ws":
            text = match.group()
            if kind == "name" and text in _KEYWORDS:
                kind = text
            tokens.append(_Token(kind, text, pos + 1))
        pos = match.end()
    tokens.append(_Token("end", "", len(source) + 1))
    return tokens


@dataclass(slots=True)
class _Node:
    type: Type
    run: Evaluator
    span: Approximator


_BOTH: Span = (1.0, 1.0)
_ANY: Span = (float("-inf"), float("inf"))


def _truth(can_false: bool, can_true: bool) -> Span:
    return (1.0 if can_false else 0.0, 1.0 if can_true else 0.0)


def _product(x: Span, y: Span) -> Span:
    if float("inf") in (abs(x[0]), abs(x[1]), abs(y[0]), abs(y[1])):
        return _ANY
    corners = (x[0] * y[0], x[0] * y[1], x[1] * y[0], x[1] * y[1])
    return (min(corners), max(corners))


def _quotient(x: Span, y: Span) -> Span:
    if y[0] <= 0 <= y[1]:
        return _ANY  # the divisor may be 0 (giving 0) or tiny: anything is possible
    return _product(x, (1 / y[1], 1 / y[0]))


def _compare(op: str, x: Span, y: Span) -> Span:
    """Can ``x op y`` be false, can it be true, for x and y anywhere in their spans."""
    if op == "<":
        return _truth(x[1] >= y[0], x[0] < y[1])
    if op == "<=":
        return _truth(x[1] > y[0], x[0] <= y[1])
    if op == ">":
        return _truth(x[0] <= y[1], x[1] > y[0])
    if op == ">=":
        return _truth(x[0] < y[1], x[1] >= y[0])
    overlap = x[0] <= y[1] and y[0] <= x[1]
    single = x[0] == x[1] == y[0] == y[1]
    if op == "==":
        return _truth(not single, overlap)
    return _truth(overlap, not single)


class _Parser:
    def __init__(self, source: str, known_variables: Set[str] | None, known_moves: Set[tuple[str, str]] | None,
                 known_injects: Set[str] | None = None) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.pos = 0
        self.depth = 0
        self.known_variables = known_variables
        self.known_moves = known_moves
        self.known_injects = known_injects
        self.variables: set[str] = set()
        self.moves: set[tuple[str, str]] = set()
        self.earlier_moves: set[tuple[str, str]] = set()
        self.injects: set[str] = set()

    # -- token helpers -------------------------------------------------
    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, text: str) -> _Token:
        token = self.peek()
        if token.kind == "end" or token.text != text:
            found = "end of expression" if token.kind == "end" else repr(token.text)
            raise ExprError(f"expected {text!r}, found {found}", token.column)
        return self.take()

    def descend(self, column: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"expression nested deeper than {MAX_DEPTH} levels", column)

    @staticmethod
    def want(node: _Node, type_: Type, what: str, column: int) -> None:
        if node.type != type_:
            article = "a number" if type_ == "number" else "true or false"
            raise ExprError(f"{what} needs {article}", column)

    # -- grammar -------------------------------------------------------
    def parse(self) -> _Node:
        node = self.or_()
        token = self.peek()
        if token.kind != "end":
            raise ExprError(f"unexpected {token.text!r}", token.column)
        return node

    def or_(self) -> _Node:
        left = self.and_()
        while self.peek().kind == "or":
            token = self.take()
            right = self.and_()
            self.want(left, "bool", "'or'", token.column)
            self.want(right, "bool", "'or'", token.column)
            a, b, sa, sb = left.run, right.run, left.span, right.span
            left = _Node("bool", lambda c, a=a, b=b: bool(a(c)) or bool(b(c)),
                         lambda k, sa=sa, sb=sb: _truth(sa(k)[0] > 0 and sb(k)[0] > 0, sa(k)[1] > 0 or sb(k)[1] > 0))
        return left

    def and_(self) -> _Node:
        left = self.not_()
        while self.peek().kind == "and":
            token = self.take()
            right = self.not_()
            self.want(left, "bool", "'and'", token.column)
            self.want(right, "bool", "'and'", token.column)
            a, b, sa, sb = left.run, right.run, left.span, right.span
            left = _Node("bool", lambda c, a=a, b=b: bool(a(c)) and bool(b(c)),
                         lambda k, sa=sa, sb=sb: _truth(sa(k)[0] > 0 or sb(k)[0] > 0, sa(k)[1] > 0 and sb(k)[1] > 0))
        return left

    def not_(self) -> _Node:
        if self.peek().kind == "not":
            token = self.take()
            self.descend(token.column)
            inner = self.not_()
            self.depth -= 1
            self.want(inner, "bool", "'not'", token.column)
            a, sa = inner.run, inner.span
            return _Node("bool", lambda c, a=a: not a(c), lambda k, sa=sa: (sa(k)[1], sa(k)[0]))
        return self.compare()

    _COMPARE: dict[str, Callable[[float, float], bool]] = {
        "<": lambda x, y: x < y,
        "<=": lambda x, y: x <= y,
        ">": lambda x, y: x > y,
        ">=": lambda x, y: x >= y,
        "==": lambda x, y: x == y,
        "!=": lambda x, y: x != y,
    }

    def compare(self) -> _Node:
        left = self.sum_()
        token = self.peek()
        if token.kind == "op" and token.text in self._COMPARE:
            self.take()
            right = self.sum_()
            self.want(left, "number", f"{token.text!r}", token.column)
            self.want(right, "number", f"{token.text!r}", token.column)
            op, a, b = self._COMPARE[token.text], left.run, right.run
            sa, sb, name = left.span, right.span, token.text
            node = _Node("bool", lambda c, op=op, a=a, b=b: op(a(c), b(c)),
                         lambda k, sa=sa, sb=sb, name=name: _compare(name, sa(k), sb(k)))
            after = self.peek()
            if after.kind == "op" and after.text in self._COMPARE:
                raise ExprError("comparisons cannot be chained; join them with 'and'", after.column)
            return node
        return left

    def sum_(self) -> _Node:
        left = self.product()
        while self.peek().kind == "op" and self.peek().text in "+-":
            token = self.take()
            right = self.product()
            self.want(left, "number", f"{token.text!r}", token.column)
            self.want(right, "number", f"{token.text!r}", token.column)
            a, b, sa, sb = left.run, right.run, left.span, right.span
            if token.text == "+":
                left = _Node("number", lambda c, a=a, b=b: a(c) + b(c),
                             lambda k, sa=sa, sb=sb: (sa(k)[0] + sb(k)[0], sa(k)[1] + sb(k)[1]))
            else:
                left = _Node("number", lambda c, a=a, b=b: a(c) - b(c),
                             lambda k, sa=sa, sb=sb: (sa(k)[0] - sb(k)[1], sa(k)[1] - sb(k)[0]))
        return left

    def product(self) -> _Node:
        left = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            token = self.take()
            right = self.unary()
            self.want(left, "number", f"{token.text!r}", token.column)
            self.want(right, "number", f"{token.text!r}", token.column)
            a, b, sa, sb = left.run, right.run, left.span, right.span
            if token.text == "*":
                left = _Node("number", lambda c, a=a, b=b: a(c) * b(c), lambda k, sa=sa, sb=sb: _product(sa(k), sb(k)))
            else:
                left = _Node("number", lambda c, a=a, b=b: _divide(a(c), b(c)), lambda k, sa=sa, sb=sb: _quotient(sa(k), sb(k)))
        return left

    def unary(self) -> _Node:
        token = self.peek()
        if token.kind == "op" and token.text == "-":
            self.take()
            self.descend(token.column)
            inner = self.unary()
            self.depth -= 1
            self.want(inner, "number", "'-'", token.column)
            a, sa = inner.run, inner.span
            return _Node("number", lambda c, a=a: -a(c), lambda k, sa=sa: (-sa(k)[1], -sa(k)[0]))
        return self.atom()

    def atom(self) -> _Node:
        token = self.take()
        if token.kind == "number":
            value = float(token.text)
            if not math.isfinite(value):
                raise ExprError(f"number {token.text[:12]}… is too large", token.column)
            return _Node("number", lambda c, v=value: v, lambda k, v=value: (v, v))
        if token.kind in ("true", "false"):
            truth = token.kind == "true"
            return _Node("bool", lambda c, v=truth: v, lambda k, t=_truth(not truth, truth): t)
        if token.kind in ("min", "max", "abs"):
            return self.call(token)
        if token.kind == "if":
            return self.choice(token)
        if token.kind == "released":
            return self.released(token)
        if token.kind in _MOVE_FUNCTIONS:
            return self.earlier(token)
        if token.kind == "name":
            return self.name(token)
        if token.kind == "op" and token.text == "(":
            self.descend(token.column)
            inner = self.or_()
            self.depth -= 1
            self.expect(")")
            return inner
        found = "end of expression" if token.kind == "end" else repr(token.text)
        raise ExprError(f"expected a number, a name or '(', found {found}", token.column)

    def call(self, token: _Token) -> _Node:
        self.descend(token.column)
        self.expect("(")
        args = [self.or_()]
        while self.peek().text == "," and self.peek().kind == "op":
            self.take()
            args.append(self.or_())
        self.expect(")")
        self.depth -= 1
        for arg in args:
            self.want(arg, "number", f"{token.kind}()", token.column)
        runs = tuple(arg.run for arg in args)
        spans = tuple(arg.span for arg in args)
        if token.kind == "abs":
            if len(args) != 1:
                raise ExprError("abs() takes exactly one argument", token.column)
            a, sa = runs[0], spans[0]
            return _Node("number", lambda c, a=a: abs(a(c)), lambda k, sa=sa: _absolute(sa(k)))
        if len(args) < 2:
            raise ExprError(f"{token.kind}() takes two or more arguments", token.column)
        pick = min if token.kind == "min" else max
        return _Node("number", lambda c, runs=runs, pick=pick: pick(r(c) for r in runs),
                     lambda k, spans=spans, pick=pick: (pick(s(k)[0] for s in spans), pick(s(k)[1] for s in spans)))

    def choice(self, token: _Token) -> _Node:
        """``if(condition, a, b)``: a when the condition holds, else b (both numbers or both conditions)."""
        self.descend(token.column)
        self.expect("(")
        condition = self.or_()
        self.expect(",")
        yes = self.or_()
        self.expect(",")
        no = self.or_()
        self.expect(")")
        self.depth -= 1
        self.want(condition, "bool", "if()'s first argument", token.column)
        if yes.type != no.type:
            raise ExprError("if() needs two numbers or two conditions after its condition", token.column)
        c, a, b = condition.run, yes.run, no.run
        sc, sa, sb = condition.span, yes.span, no.span

        def span(k: Bounds, sc: Approximator = sc, sa: Approximator = sa, sb: Approximator = sb) -> Span:
            can_false, can_true = sc(k)
            parts = ([sa(k)] if can_true else []) + ([sb(k)] if can_false else [])
            if yes.type == "bool":
                return (max(p[0] for p in parts), max(p[1] for p in parts))
            return (min(p[0] for p in parts), max(p[1] for p in parts))

        return _Node(yes.type, lambda x, c=c, a=a, b=b: a(x) if c(x) else b(x), span)

    def released(self, token: _Token) -> _Node:
        """``released("C-01")``: whether that inject has been released (to anyone) by now."""
        self.expect("(")
        arg = self.take()
        if arg.kind != "string":
            raise ExprError('released() takes an inject id in quotes, e.g. released("C-01")', arg.column)
        self.expect(")")
        inject = arg.text[1:-1]
        if self.known_injects is not None and inject not in self.known_injects:
            raise ExprError(f"unknown inject {inject!r}{_did_you_mean(inject, self.known_injects)}", arg.column)
        self.injects.add(inject)
        return _Node("bool", lambda c, i=inject: i in c.released, lambda k: _BOTH)

    def earlier(self, token: _Token) -> _Node:
        """``played(r.a)``: r made move a in an earlier turn; ``last(r.a)``: in the turn before this one;
        ``times(r.a)``: in how many earlier turns."""
        self.expect("(")
        arg = self.peek()
        if arg.kind != "name" or "." not in arg.text:
            raise ExprError(f"{token.kind}() takes a move written role.action", arg.column)
        self.take()
        self.expect(")")
        key = self.move(arg)
        self.earlier_moves.add(key)
        if token.kind == "played":
            return _Node("bool", lambda c, key=key: bool(c.earlier.get(key)), lambda k: _BOTH)
        if token.kind == "last":
            return _Node("bool", lambda c, key=key: (c.turn - 1) in c.earlier.get(key, ()), lambda k: _BOTH)
        return _Node("number", lambda c, key=key: float(len(c.earlier.get(key, ()))),
                     lambda k: (0.0, max(0.0, k.turn[1] - 1)))

    def move(self, token: _Token) -> tuple[str, str]:
        role, action = token.text.split(".", 1)
        if self.known_moves is not None and (role, action) not in self.known_moves:
            roles = {r for r, _ in self.known_moves}
            if role not in roles:
                raise ExprError(f"unknown role {role!r}{_did_you_mean(role, roles)}", token.column)
            actions = {a for r, a in self.known_moves if r == role}
            raise ExprError(f"role {role!r} has no action {action!r}{_did_you_mean(action, actions)}", token.column)
        return (role, action)

    def name(self, token: _Token) -> _Node:
        text = token.text
        if "." in text:
            key = self.move(token)
            self.moves.add(key)
            return _Node("bool", lambda c, key=key: key in c.moves, lambda k: _BOTH)
        if text == "turn":
            return _Node("number", lambda c: c.turn, lambda k: k.turn)
        if text in ("elapsed_hours", "elapsed_days"):
            scale = 1.0 if text == "elapsed_hours" else 1 / 24
            return _Node("number", lambda c, s=scale: c.elapsed_hours * s,
                         lambda k, s=scale: (k.elapsed_hours[0] * s, k.elapsed_hours[1] * s))
        if self.known_variables is not None and text not in self.known_variables:
            hint = _did_you_mean(text, self.known_variables)
            raise ExprError(f"unknown variable {text!r}{hint}", token.column)
        self.variables.add(text)
        return _Node("number", lambda c, name=text: c.variables[name], lambda k, name=text: k.variables.get(name, _ANY))


def _divide(x: float, y: float) -> float:
    return x / y if y else 0.0


def _absolute(x: Span) -> Span:
    if x[0] >= 0:
        return x
    if x[1] <= 0:
        return (-x[1], -x[0])
    return (0.0, max(-x[0], x[1]))


def _did_you_mean(word: str, choices: Set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def compile_expr(
    source: str,
    *,
    want: Type | None = None,
    variables: Set[str] | None = None,
    moves: Set[tuple[str, str]] | None = None,
    injects: Set[str] | None = None,
) -> Compiled:
    """Parse, type-check and compile ``source``; raise ``ExprError`` if it is not in the grammar.

    ``variables`` and ``moves``, when given, are the names the scenario defines:
    a reference to anything else is an error at load time.
    """
    if not isinstance(source, str):
        raise ExprError("an expression must be text")
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression longer than {MAX_LENGTH} characters")
    if not source.strip():
        raise ExprError("empty expression")
    parser = _Parser(source, variables, moves, injects)
    if len(parser.tokens) > MAX_TOKENS:
        raise ExprError(f"expression has more than {MAX_TOKENS} tokens")
    node = parser.parse()
    if want is not None and node.type != want:
        expected = "a number" if want == "number" else "a condition (true or false)"
        raise ExprError(f"expected {expected}, got {'a number' if node.type == 'number' else 'a condition'}")
    return Compiled(source, node.type, frozenset(parser.variables), frozenset(parser.moves), node.run, node.span,
                    frozenset(parser.earlier_moves), frozenset(parser.injects))


def evaluate(source: str, variables: Mapping[str, float], turn: int = 0, moves: Set[tuple[str, str]] = frozenset()) -> float | bool:
    """Compile and run once: for tests and the command line, not for hot loops."""
    return compile_expr(source, variables=set(variables))(Context(variables, turn, moves))
