"""Organisation overlays: corporate standards built on K65301002 (para 1, para 7).

An overlay may set a requirement where the standard states none (6.3), make a
requirement stricter, add derived positions (senior, leading, chief specialist) on
top of category I, and read unlisted education codes as listed ones. It may not
loosen a national requirement unless it says `allow_relaxation: true`; then every
rule it loosens is marked, and every result that uses one carries a warning.
Overlays apply in order; each is checked against the national rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

from kzps.errors import OverlayError, Problem, problem
from kzps.standard.codes import covered, normalize_code
from kzps.standard.load import Standard
from kzps.standard.records import (
    CODE_PATTERN,
    AssessmentRule,
    Equivalence,
    ExperienceRequirement,
    GradeCode,
    Key,
    Localized,
    NonEmpty,
    OverlayRef,
    Position,
    Share,
)
from kzps.standard.schema import Before, Bounds, MinLength, Pattern, record

if TYPE_CHECKING:
    from kzps.standard.records import EducationRequirement, Grade, GradePath, Rules


def _code(value: object) -> object:
    return normalize_code(value) if isinstance(value, str) else value


Code = Annotated[str, Pattern(CODE_PATTERN), Before(_code)]


@record
class About(NamedTuple):
    """Who made the overlay, and whether it may loosen the standard."""

    name: NonEmpty
    version: NonEmpty
    allow_relaxation: bool = False


@record
class Experience(NamedTuple):
    """An experience requirement in the vocabulary of cards.yaml."""

    kind: str
    years: Annotated[int, Bounds(gt=0)]
    grades: tuple[GradeCode, ...] = ()
    text: Localized | None = None


@record
class Education(NamedTuple):
    """A stricter education requirement: a higher level or fewer codes."""

    min_level: str | None = None
    codes: tuple[Code, ...] | None = None


@record
class Requirement(NamedTuple):
    """New requirements for one grade (all its paths, or the one named)."""

    grade: GradeCode
    path: str | None = None
    experience: tuple[Experience, ...] | None = None
    education: Education | None = None


@record
class DerivedPosition(NamedTuple):
    """A derived position: its base grade's rules, and more experience (para 7)."""

    key: Key
    label: Localized
    base: GradeCode
    experience: Annotated[tuple[Experience, ...], MinLength(1)]


@record
class CodeEquivalence(NamedTuple):
    """The organisation reads `code` as the listed `counts_as`."""

    code: Code
    counts_as: Code
    note: str | None = None


@record
class Assessment(NamedTuple):
    """The organisation's rule for attestation sheets (`kzps assess`): the share of items
    to demonstrate, whether every labour function must reach it, and what a partly is worth."""

    pass_share: Share
    every_function: bool = False
    partly_counts_as: Share = 0.0


@record
class Overlay(NamedTuple):
    """An overlay file."""

    overlay: About
    requirements: tuple[Requirement, ...] = ()
    positions: tuple[DerivedPosition, ...] = ()
    equivalences: tuple[CodeEquivalence, ...] = ()
    assessment: Assessment | None = None


def read_overlay(path: Path | str) -> Overlay:
    """Read and validate an overlay file's shape (not yet against the standard)."""
    from pydantic_core import ValidationError

    from kzps.documents import read_data
    from kzps.standard.schema import problems_of, validate

    where = Path(path)
    data = read_data(where, OverlayError)
    try:
        return validate(Overlay, data)
    except ValidationError as error:
        raise OverlayError(str(where), problems_of(error)) from None


def apply_overlays(standard: Standard, paths: list[Path]) -> Standard:
    """The standard with each overlay applied in order; checked against the national rules."""
    national = standard.rules
    rules = national
    for path in paths:
        overlay = read_overlay(path)
        merger = _Merger(national, rules, overlay)
        rules = merger.merged()
        if merger.problems:
            raise OverlayError(str(path), merger.problems)
    return Standard(rules, standard.path)


class _Merger:
    """Applies one overlay, collecting every problem with its key in the overlay."""

    def __init__(self, national: Rules, rules: Rules, overlay: Overlay) -> None:
        self.national = national
        self.rules = rules
        self.overlay = overlay
        self.about = overlay.overlay
        self.problems: list[Problem] = []
        self.grades = {g.code: g for g in national.grades}
        self.ranks = {lv.key: lv.rank for lv in national.education_levels}
        self.kinds = {k.key for k in national.experience_kinds} | {"grade"}

    def source(self, key: str) -> str:
        return f"overlay {self.about.name} {self.about.version}: {key}"

    def merged(self) -> Rules:
        grades = {g.code: g for g in self.rules.grades}
        for i, requirement in enumerate(self.overlay.requirements):
            grade = grades.get(requirement.grade)
            if grade is None:
                self._missing_grade(f"requirements[{i}].grade", requirement.grade)
                continue
            grades[grade.code] = self._grade(f"requirements[{i}]", grade, requirement)
        positions = [self._position(i, p) for i, p in enumerate(self.overlay.positions)]
        equivalences = [self._equivalence(i, e) for i, e in enumerate(self.overlay.equivalences)]
        ref = OverlayRef(
            name=self.about.name,
            version=self.about.version,
            allow_relaxation=self.about.allow_relaxation,
        )
        return self.rules._replace(
            grades=tuple(grades[g.code] for g in self.rules.grades),
            positions=(*self.rules.positions, *(p for p in positions if p)),
            equivalences=(*self.rules.equivalences, *(e for e in equivalences if e)),
            overlays=(*self.rules.overlays, ref),
            assessment=self._assessment() or self.rules.assessment,
        )

    def _assessment(self) -> AssessmentRule | None:
        """The overlay's rule for attestation sheets; a later overlay's replaces it."""
        wanted = self.overlay.assessment
        if wanted is None:
            return None
        return AssessmentRule(source=self.source("assessment"), **wanted._asdict())

    # -- requirements ----------------------------------------------------------------

    def _grade(self, at: str, grade: Grade, requirement: Requirement) -> Grade:
        keys = [p.key for p in grade.paths]
        if requirement.path is not None and requirement.path not in keys:
            self.problems.append(
                problem(f"{at}.path", "error.overlay_path", value=requirement.path, expected=keys)
            )
            return grade
        national = {p.key: p for p in self.grades[grade.code].paths}
        paths = tuple(
            self._path(at, grade, path, national[path.key], requirement)
            if requirement.path in (None, path.key)
            else path
            for path in grade.paths
        )
        return grade._replace(paths=paths)

    def _path(
        self, at: str, grade: Grade, path: GradePath, national: GradePath, requirement: Requirement
    ) -> GradePath:
        update: dict[str, Any] = {}
        if requirement.experience is not None:
            found = self._experience(f"{at}.experience", requirement.experience)
            loosened = not national.silent and not _covers(found, national.experience)
            if loosened and self._refuse(f"{at}.experience", grade.code):
                return path
            update["experience"] = tuple(e._replace(relaxed=loosened) for e in found)
            update["silent"] = None
        if requirement.education is not None:
            update["education"] = self._education(
                f"{at}.education", grade, path.education, national.education, requirement.education
            )
        return path._replace(**update)

    def _education(
        self,
        at: str,
        grade: Grade,
        current: EducationRequirement,
        national: EducationRequirement,
        wanted: Education,
    ) -> EducationRequirement:
        level = wanted.min_level or current.min_level
        if level not in self.ranks:
            self.problems.append(problem(f"{at}.min_level", "error.ref_level", value=level))
            return current
        codes = wanted.codes if wanted.codes is not None else current.codes
        narrower = covered(codes, national.codes) if national.codes else not codes
        loosened = self.ranks[level] < self.ranks[national.min_level] or not narrower
        if loosened and self._refuse(at, grade.code):
            return current
        return current._replace(
            min_level=level, codes=codes, source=self.source(at), relaxed=loosened
        )

    def _experience(self, at: str, wanted: tuple[Experience, ...]) -> list[ExperienceRequirement]:
        found = []
        for k, item in enumerate(wanted):
            where = f"{at}[{k}]"
            if item.kind not in self.kinds:
                self.problems.append(problem(f"{where}.kind", "error.ref_kind", value=item.kind))
                continue
            if (item.kind == "grade") != bool(item.grades):
                self.problems.append(problem(where, "error.grades_for_grade_kind"))
                continue
            missing = [g for g in item.grades if g not in self.grades]
            for code in missing:
                self._missing_grade(f"{where}.grades", code)
            if missing:
                continue
            found.append(
                ExperienceRequirement(
                    kind=item.kind,
                    grades=item.grades,
                    years=item.years,
                    source=self.source(where),
                    text=item.text,
                )
            )
        return found

    # -- positions and equivalences ------------------------------------------------

    def _position(self, i: int, wanted: DerivedPosition) -> Position | None:
        at = f"positions[{i}]"
        derived = self.national.derived
        if wanted.base not in self.grades:
            self._missing_grade(f"{at}.base", wanted.base)
            return None
        if wanted.base not in derived.base_grades:
            self.problems.append(
                problem(
                    f"{at}.base",
                    "error.position_base",
                    value=wanted.base,
                    expected=list(derived.base_grades),
                )
            )
            return None
        found = self._experience(f"{at}.experience", wanted.experience)
        added = max((e.years for e in found), default=0)
        loosened = added < derived.extra_years_min
        if loosened and self._refuse(f"{at}.experience", wanted.base, derived.source):
            return None
        return Position(
            key=wanted.key,
            label=wanted.label,
            base=wanted.base,
            experience=tuple(e._replace(relaxed=loosened) for e in found),
            source=self.source(at),
            relaxed=loosened,
        )

    def _equivalence(self, i: int, wanted: CodeEquivalence) -> Equivalence | None:
        listed = tuple(c.code for c in self.national.codes)
        if not covered((wanted.counts_as,), listed):
            self.problems.append(
                problem(f"equivalences[{i}].counts_as", "error.ref_code", value=wanted.counts_as)
            )
            return None
        return Equivalence(
            code=wanted.code,
            counts_as=wanted.counts_as,
            source=self.source(f"equivalences[{i}]"),
            note=wanted.note,
        )

    # -- problems --------------------------------------------------------------------

    def _refuse(self, at: str, grade: str, source: str | None = None) -> bool:
        """A loosening: refused (and reported) unless the overlay allows relaxation."""
        if self.about.allow_relaxation:
            return False
        self.problems.append(
            problem(
                at, "error.overlay_loosens", grade=grade, source=source or self.grades[grade].source
            )
        )
        return True

    def _missing_grade(self, at: str, code: str) -> None:
        self.problems.append(problem(at, "error.ref_grade", value=code))


def _covers(
    found: list[ExperienceRequirement], national: tuple[ExperienceRequirement, ...]
) -> bool:
    """Every national requirement is kept, as strict or stricter, by the overlay's."""
    return all(
        any(
            o.kind == n.kind and set(o.grades) <= set(n.grades) and o.years >= n.years
            for o in found
        )
        for n in national
    )
