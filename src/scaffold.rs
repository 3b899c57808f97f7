//! `shian init` and `shian new`: starting files that build as they are.

use crate::cli::NewKind;
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

const SITE_TOML: &str = r#"# 站点配置 / site configuration. Unknown keys are errors.
title = "食品安全培训"
description = "食品安全管理人员培训、练习与典型案例"
base_url = "https://example.org/"
language = "zh-CN"        # UI strings: zh-CN or en
edition = "2025"
"#;

const HOME: &str = r#"+++
title = "食品安全培训"
description = "食品安全管理人员培训、练习与典型案例"
+++

欢迎使用 **食安（shian）**。这是一个新站点：把课程、题库和案例写成 Markdown 文件，放进 `content/` 文件夹，运行 `shian serve` 就能在浏览器里预览。

- [站点使用说明](@/guide/first-steps.md)
- [关于本站](@/about.md)
"#;

const ABOUT: &str = r#"+++
title = "关于本站"
description = "本站由谁维护、为谁服务"
+++

本站由培训中心维护，面向食品生产经营企业的食品安全总监和食品安全员。页面不加载任何外部资源，在手机上也能流畅阅读。
"#;

const GUIDE: &str = r#"+++
title = "使用指南"
description = "如何编写和预览内容"
weight = 10
+++

本栏目说明如何编写内容。
"#;

const FIRST_STEPS: &str = r#"+++
title = "第一步"
description = "编写第一篇页面"
weight = 10
+++

## 编写页面 {#write}

每个页面是一个 Markdown 文件，开头用两行 `+++` 包住 TOML 格式的页面信息。**注意：**文件名只能用小写字母、数字、`-` 和 `_`。

{{ note(kind="tip", text="运行 shian serve 后，保存文件，浏览器会自动刷新。") }}

## 预览与发布 {#publish}

| 命令 | 作用 |
| --- | --- |
| `shian serve` | 本地预览，自动刷新 |
| `shian build` | 生成 public/ 文件夹 |
| `shian check` | 只检查，不生成 |
"#;

/// Creates a new site in `dir`. Returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "{} is not empty; choose a new folder, e.g. `shian init my-site`",
                dir.display()
            ));
        }
    }
    let files = [
        ("site.toml", SITE_TOML),
        ("content/_index.md", HOME),
        ("content/about.md", ABOUT),
        ("content/guide/_index.md", GUIDE),
        ("content/guide/first-steps.md", FIRST_STEPS),
        (".gitignore", "/public\n"),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Creates `content/<path>.md` (a page) or `content/<path>/_index.md` (a section).
pub fn new_content(root: &Path, kind: NewKind, path: &str) -> Result<PathBuf, Diagnostic> {
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(
            Diagnostic::error("E-NEW", format!("{} has no site.toml", root.display()))
                .with_hint("run this inside a site folder, or pass --root DIR"),
        );
    }
    let clean = path.trim_matches('/').trim_start_matches("content/");
    let clean = clean.strip_suffix(".md").unwrap_or(clean);
    let parts: Vec<String> = clean.split('/').map(str::to_string).collect();
    if let Some(d) = crate::source::check_path(&parts, &format!("content/{clean}")) {
        return Err(d);
    }
    let name = parts.last().cloned().unwrap_or_default();
    let (rel, text) = match kind {
        NewKind::Page => (
            format!("content/{clean}.md"),
            format!(
                "+++\ntitle = \"{name}\"          # 页面标题，可以用中文\ndescription = \"\"    # 一句话简介\nweight = 10          # 在栏目中的顺序，小的在前\n+++\n\n## 第一节 {{#part-1}}\n\n在这里用 Markdown 写正文。\n"
            ),
        ),
        NewKind::Section => (
            format!("content/{clean}/_index.md"),
            format!(
                "+++\ntitle = \"{name}\"          # 栏目标题，可以用中文\ndescription = \"\"\nweight = 10\nsort_by = \"weight\"   # weight | date | title\n+++\n\n栏目简介。\n"
            ),
        ),
    };
    let file = root.join(&rel);
    if file.exists() {
        return Err(Diagnostic::error("E-NEW", format!("{rel} already exists"))
            .in_file(rel)
            .with_hint("choose another name, or edit the existing file"));
    }
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            Diagnostic::error("E-IO", format!("cannot create {}: {e}", parent.display()))
        })?;
    }
    std::fs::write(&file, text)
        .map_err(|e| Diagnostic::error("E-IO", format!("cannot write {rel}: {e}")))?;
    Ok(file)
}
