"""Every XHDASH_* setting, declared once: its name, type, default and what it does.

The app, every command and the tests read settings through `setting(NAME)`; `xhdash settings`
prints this table and docs/operations.md lists it. A setting read anywhere else is a bug.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from xhdash.i18n import in_lang


@dataclass(frozen=True)
class Setting:
    name: str
    kind: Callable[[str], object]  # str, int, float: turns the variable's text into a value
    default: object
    description_zh: str
    description_en: str

    def read(self, environ: dict[str, str] | None = None) -> object:
        """The value from the environment, else the default; a value that does not parse says
        which setting and what was given."""
        raw = (os.environ if environ is None else environ).get(self.name, "")
        if raw == "":
            return self.default
        try:
            return self.kind(raw)
        except ValueError as problem:
            raise SettingError(f"{self.name}={raw!r}: {problem}") from problem


class SettingError(ValueError):
    """A setting whose value cannot be read as its type."""


def _flag(raw: str) -> bool:
    if raw.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if raw.strip().lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError("expected true or false")


SETTINGS: tuple[Setting, ...] = (
    Setting("XHDASH_STORE", str, "",
            "数据存储位置（目录或 file:// / s3:// 地址）；为空时用项目内的 store/。",
            "Where the store lives (a folder or a file:// or s3:// URI); empty means the "
            "project's store/."),
    Setting("XHDASH_EDITORS_FILE", str, "",
            "编辑人员账号文件（口令散列）；为空时用 .streamlit/secrets.toml。",
            "The editors' file (password hashes); empty means .streamlit/secrets.toml."),
    Setting("XHDASH_THROTTLE_REDIS", str, "",
            "登录失败计数所在的 Redis（如 redis://127.0.0.1:6379/0），所有副本共用；为空时每个进程"
            "各自计数（只有一个副本的单位）。设置后 Redis 不可达时编辑登录被拒绝，浏览不受影响。",
            "The Redis holding failed sign-in counts for every replica (e.g. "
            "redis://127.0.0.1:6379/0); empty means each process counts its own (an office with "
            "one replica). When set and Redis cannot be reached, editors' sign-in is refused; "
            "reading is unaffected."),
    Setting("XHDASH_OIDC_ROLES_CLAIM", str, "roles",
            "通过身份提供方（OpenID Connect）登录时，ID 令牌中列出角色（editor、approver）的声明名称，如 "
            "roles 或 groups；为空时只看编辑账号文件中的 [provider_roles]。",
            "With sign-in through the identity provider (OpenID Connect), the ID token's claim "
            "that lists a person's roles (editor, approver), e.g. roles or groups; empty means "
            "only the editors' file's [provider_roles] grants roles."),
    Setting("XHDASH_OIDC_MAX_AGE_HOURS", float, 12.0,
            "通过身份提供方登录后，编辑和审核权限保持的小时数；超过后须重新登录（浏览不受影响），"
            "这样在身份提供方撤销的角色最迟在此时限后失效。",
            "How many hours a sign-in through the identity provider carries an editor's or "
            "approver's rights; after that they sign in again (reading is unaffected), so a role "
            "withdrawn at the provider lapses within this time."),
    Setting("XHDASH_FOUR_EYES", str, "auto",
            "发布前审核（四眼原则）：auto 为编辑账号文件列有审核人（[approvers]）时开启；on 开启；off 关闭。",
            "A second pair of eyes before a publish: auto means on when the editors' file names "
            "approvers ([approvers]); on; off."),
    Setting("XHDASH_REPLICA", str, "",
            "审计记录中本副本的名称；为空时用主机名:端口。",
            "This replica's name in the audit trail; empty means hostname:port."),
    Setting("XHDASH_MAX_IMPORT_MB", float, 20.0, "导入文件大小上限（MB）。",
            "The largest file an import accepts, in MB."),
    Setting("XHDASH_MAX_IMPORT_ROWS", int, 200_000, "导入文件行数上限。",
            "The most rows an import accepts."),
    Setting("XHDASH_SCREEN_REFRESH", float, 30.0, "大屏检查新发布版本的间隔（秒）。",
            "How often the wall looks for a newly published version, in seconds."),
    Setting("XHDASH_SHARED_DIR", str, "",
            "原始报道（seed/）与来源说明（sources/）所在目录，供测试核对数据；为空时用项目旁的 ../shared/。",
            "The folder holding the source article (seed/) and the source notes (sources/) that "
            "the tests check the data against; empty means ../shared/ beside the project."),
    Setting("XHDASH_PROPERTY_EXAMPLES", int, 25, "导入属性测试每条性质的样例数（测试用）。",
            "Examples per property in the importer's property tests (tests only)."),
    Setting("XHDASH_FAULT_STAGE", str, "", "崩溃测试：发布到该阶段时进程自行终止（测试用）。",
            "Crash tests: a publish kills its own process at this stage (tests only)."),
    Setting("CI", _flag, False, "在持续集成中运行（缺少原始报道时测试失败而非跳过）。",
            "Running under CI (a missing source article fails the tests instead of skipping)."),
)
BY_NAME = {entry.name: entry for entry in SETTINGS}


def setting(name: str, environ: dict[str, str] | None = None) -> object:
    """The current value of a declared setting."""
    return BY_NAME[name].read(environ)


def describe_settings(lang: str = "zh") -> list[tuple[str, str, str]]:
    """(name, default, description) of every setting, for `xhdash settings` and the guide."""
    return [(entry.name, "" if entry.default in ("", None) else str(entry.default),
             in_lang((entry.description_zh, entry.description_en), lang))
            for entry in SETTINGS]


def settings_table(lang: str = "en") -> str:
    """The settings as a Markdown table (docs/operations.md holds it; a test keeps them equal)."""
    lines = ["| setting | default | what it does |", "|---|---|---|"]
    lines += [f"| `{name}` | {f'`{default}`' if default else '—'} | {text} |"
              for name, default, text in describe_settings(lang)]
    return "\n".join(lines)
