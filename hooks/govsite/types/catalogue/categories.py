"""类别 of the 政府信息公开目录: the items of 条例第二十条 (and 第二十一条) that apply to this bureau.

Every document in the catalogue names one of these (Document.catalogue); an unknown name is an error that lists them.
They are legal structure, not editorial data, so they live in code; the guide page shows them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    name: str  # what Document.catalogue holds
    slug: str  # ASCII, for filtered page URLs
    basis: str  # the article item it rests on
    description: str


CATEGORIES: tuple[Category, ...] = (
    Category("机构信息", "jgxx", "条例第二十条第（二）项",
             "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    Category("规范性文件", "gfxwj", "条例第二十条第（一）项", "本局制发的行政规范性文件"),
    Category("政策文件", "zcwj", "条例第二十条第（十一）项",
             "优抚、安置、就业创业等社会保障方面的其他政策文件及其实施情况"),
    Category("政策解读", "zcjd", "条例第二十条第（一）项、第（十一）项",
             "对本局政策文件的解读，与所解读的文件同步公开"),
    Category("公示公告", "gsgg", "条例第二十条第（十一）项、第二十一条",
             "优抚对象认定、褒扬激励、社会救助等公示和通知公告"),
    Category("阳光安置", "ygaz", "条例第二十条第（十一）项",
             "退役士兵安置计划、赋分排名、选岗结果等"),
    Category("办事服务", "bsfw", "条例第二十条第（五）项",
             "办理对外管理服务事项的依据、条件、程序以及办理结果"),
    Category("财政信息", "czxx", "条例第二十条第（七）项", "部门预算、决算信息"),
    Category("工作报告", "gzbg", "条例第二十条第（十五）项、第四十九条、第五十条",
             "政府信息公开工作年度报告、法治政府建设年度报告"),
    Category("其他", "qt", "条例第二十条第（十五）项", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
)

BY_NAME = {c.name: c for c in CATEGORIES}
