"""The Chinese words the staff page shows for the registry's enumerations."""

from __future__ import annotations

#: Address kinds in the order the page lists them.
KIND_TITLES: dict[str, str] = {
    "standard": "标准地址",
    "department": "部门地址",
    "colloquial": "俗称",
    "historic": "曾用名",
}
#: Resolution levels (``addressreg.match.resolution.Level``) and unit levels.
LEVEL_TITLES: dict[str, str] = {
    "room": "房屋",
    "building": "楼栋",
    "door_plate": "门牌",
    "complex": "小区",
    "grid": "网格",
    "community": "社区",
    "street": "街道",
    "district": "区",
    "none": "未定位",
}
#: Resolution categories (``addressreg.match.resolution.Category``).
CATEGORY_TITLES: dict[str, str] = {
    "A": "A 精确匹配",
    "B": "B 可信匹配",
    "C": "C 需人工审核",
    "U": "U 未匹配",
}
ORIGIN_TITLES: dict[str, str] = {"load": "部门数据装载", "clean": "批量清洗", "report": "错误报告"}
STATUS_TITLES: dict[str, str] = {"open": "待审核", "accepted": "已接受", "rejected": "已驳回"}
ACTION_TITLES: dict[str, str] = {
    "review.report": "提交报告",
    "review.accept": "接受",
    "review.reject": "驳回",
}
