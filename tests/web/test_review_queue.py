"""The review queue in the store, and `addressreg review import`, on the real PostGIS."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, text

from addressreg.cli import main
from addressreg.config import Settings
from addressreg.standard import load_standard
from addressreg.store import review

pytestmark = pytest.mark.postgis
REVIEW_HEADER = [
    "row", "address", "category", "score", "explanation", "best_code", "best_standard_address",
    "best_score", "runner_up_code", "runner_up_standard_address", "runner_up_score",
]  # fmt: skip


def _rules(settings: Settings):  # type: ignore[no-untyped-def]
    return load_standard(settings.standard_dir).normalisation


def _item_for(engine: Engine, origin_key_prefix: str) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                text("SELECT item_id FROM review_item WHERE origin_key LIKE :k"),
                {"k": origin_key_prefix + "%"},
            ).scalar_one()
        )


def test_accepting_a_load_record_links_it_learns_the_address_and_audits(
    web_engine: Engine,
    buildings: list[tuple[str, str]],
    add_c_record: Callable[..., None],
    settings: Settings,
) -> None:
    (best, _), (runner_up, _) = buildings[10], buildings[11]
    add_c_record("q-accept", "某某路旁边那栋楼接受测试", best, runner_up)
    with web_engine.begin() as conn:
        assert review.collect_department_records(conn) >= 1
        assert review.collect_department_records(conn) == 0  # collecting again queues nothing
    item_id = _item_for(web_engine, "load:police/q-accept/")
    with web_engine.begin() as conn:
        learned = review.accept(conn, item_id, runner_up, "王小明", _rules(settings), note="核实过")
    assert learned
    with web_engine.connect() as conn:
        record = conn.execute(
            text(
                "SELECT code, category, explanation->'review' FROM department_record "
                "WHERE record_id = 'q-accept'"
            )
        ).one()
        address = conn.execute(
            text("SELECT code, kind, department_code FROM address WHERE text = '某某路旁边那栋楼接受测试'")
        ).one()
        entry = review.get_item(conn, item_id)
    assert record[0] == runner_up and record[1] == "B"
    assert record[2]["by"] == "王小明" and record[2]["previous_code"] == best
    assert tuple(address) == (runner_up, "department", "police")
    assert entry is not None and entry.status == "accepted" and entry.decided_code == runner_up
    assert [(a.actor, a.action) for a in entry.audit] == [("staff:王小明", "review.accept")]


def test_a_decided_item_is_never_decided_again_and_reject_changes_nothing(
    web_engine: Engine,
    buildings: list[tuple[str, str]],
    add_c_record: Callable[..., None],
    settings: Settings,
) -> None:
    best, runner_up = buildings[20][0], buildings[21][0]
    add_c_record("q-reject", "驳回测试地址", best, runner_up)
    with web_engine.begin() as conn:
        review.collect_department_records(conn)
    item_id = _item_for(web_engine, "load:police/q-reject/")
    with web_engine.begin() as conn:
        review.reject(conn, item_id, "李四", note="地址不存在")
    with pytest.raises(review.AlreadyDecided, match="李四"), web_engine.begin() as conn:
        review.accept(conn, item_id, best, "王五", _rules(settings))
    with web_engine.connect() as conn:
        category, code = conn.execute(
            text("SELECT category, code FROM department_record WHERE record_id = 'q-reject'")
        ).one()
        learned = conn.execute(text("SELECT count(*) FROM address WHERE text = '驳回测试地址'")).scalar_one()
    assert (category, code, learned) == ("C", best, 0)


@pytest.mark.parametrize(
    ("code", "staff", "message"),
    [("4403", "王五", "不是登记在册"), ("9" * 19, "王五", "不是登记在册"), (None, "  ", "经办人")],
)
def test_accept_refuses_unknown_codes_and_missing_names(
    web_engine: Engine, buildings: list[tuple[str, str]], settings: Settings, code: str | None, staff: str,
    message: str,
) -> None:  # fmt: skip
    building = buildings[30][0]
    with web_engine.begin() as conn:
        item_id = review.report_error(conn, building, "报告人", "missing_address", "新别名大厦", "")
    with pytest.raises(review.ReviewError, match=message), web_engine.begin() as conn:
        review.accept(conn, item_id, code or building, staff, _rules(settings))
    with web_engine.connect() as conn:
        entry = review.get_item(conn, item_id)
    assert entry is not None and entry.status == "open"  # the failed transaction left it open


def test_report_error_names_the_unknown_problem_and_building(web_engine: Engine) -> None:
    with pytest.raises(review.ReviewError, match="未知的问题类型"), web_engine.begin() as conn:
        review.report_error(conn, "4403050050120100001", "张三", "nonsense", "", "")
    with pytest.raises(review.ItemNotFound, match="4403059999999999999"), web_engine.begin() as conn:
        review.report_error(conn, "4403059999999999999", "张三", "other", "", "")


def _write_review_file(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(REVIEW_HEADER)
        writer.writerows(rows)


def test_review_import_queues_a_clean_review_file_once(
    tmp_path: Path, web_registry_url: str, web_engine: Engine, buildings: list[tuple[str, str]]
) -> None:
    (best, best_address), (runner_up, runner_address) = buildings[40], buildings[41]
    path = tmp_path / "out.review.csv"
    _write_review_file(
        path,
        [
            ["7", "清洗导入测试一", "C", "0.6500", "说明：接近", best, best_address, "0.6500", runner_up,
             runner_address, "0.6400"],
            ["9", "清洗导入测试二", "C", "0.5000", "", "", "", "", "", "", ""],
        ],
    )  # fmt: skip
    env = {**os.environ, "ADDRESSREG_DATABASE_URL": web_registry_url}
    first = CliRunner().invoke(main, ["review", "import", str(path)], env=env)
    second = CliRunner().invoke(main, ["review", "import", str(path)], env=env)
    assert first.exit_code == 0, first.output
    assert "已导入 2 条" in first.output and "已导入 0 条待审核记录（2 条此前已导入）" in second.output
    with web_engine.connect() as conn:
        rows = conn.execute(
            text("SELECT raw_text, code, candidates, detail->>'row' FROM review_item WHERE origin = 'clean' "
                 "ORDER BY item_id")
        ).all()  # fmt: skip
    expected = [("清洗导入测试一", best, "7"), ("清洗导入测试二", None, "9")]
    assert [(r[0], r[1], r[3]) for r in rows] == expected
    assert [c["code"] for c in rows[0][2]] == [best, runner_up]


def test_review_import_names_the_row_and_column_of_a_bad_file(tmp_path: Path, web_registry_url: str) -> None:
    path = tmp_path / "bad.review.csv"
    _write_review_file(path, [["3", "某地址", "C", "高", "", "", "", "", "", "", ""]])
    env = {**os.environ, "ADDRESSREG_DATABASE_URL": web_registry_url}
    result = CliRunner().invoke(main, ["review", "import", str(path)], env=env)
    assert result.exit_code != 0
    assert "bad.review.csv 第 2 行 score 列 应为数字，实为 '高'" in result.output
