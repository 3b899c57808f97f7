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

fn course_template(name: &str) -> String {
    format!(
        r#"+++
# 课程信息。键名必须和下面一致，写错会报错。
title = "{name}"                      # 课程名称，可以用中文
summary = "一两句话的课程简介"          # 显示在课程列表和课程首页
audience = ["食品安全总监", "食品安全员"]  # 学习对象，课程列表按它筛选
duration_minutes = 60                 # 课程总时长（分钟）；课时都写了时长时按课时相加
objectives = ["学完能说出……", "学完能做到……"]   # 学习目标
prerequisites = []                    # 先修课程：其他课程的文件夹名，例如 ["haccp"]
weight = 10                           # 在课程列表中的顺序，小的在前
+++

课程介绍：为什么要学、学完能做什么。课时放在本文件夹里，一个课时一个 .md 文件，
用 `shian new lesson {name}/课时文件名` 新建。
"#
    )
}

fn lesson_template(name: &str, weight: i64) -> String {
    format!(
        r#"+++
title = "{name}"              # 课时标题，可以用中文
weight = {weight}                  # 在课程中的顺序，小的在前
duration_minutes = 15         # 预计学习时长（分钟）
objectives = ["学完能……"]     # 本课时的学习目标
+++

## 第一部分 {{#part-1}}

正文用 Markdown 写。引用法条时直接写 `《食品安全法》第五十条` 这样的格式，会自动链接到 content/laws/ 里的条文。
"#
    )
}

fn law_template(name: &str) -> String {
    format!(
        r#"+++
title = "{name}"             # 法律法规的全称，例如 中华人民共和国食品安全法
short = []                  # 简称，引用时可用，例如 ["食品安全法"]
version = ""                # 版本，例如 2021年4月29日修正
+++

## 第一章 总则

### 第一条

条文。每一条写成单独一行的 `### 第N条` 标题，引用时会链接到这里。
"#
    )
}

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
    let clean = match kind {
        NewKind::Course | NewKind::Lesson => clean.trim_start_matches("courses/").to_string(),
        _ => clean.to_string(),
    };
    let parts: Vec<String> = clean.split('/').map(str::to_string).collect();
    if let Some(d) = crate::paths::check_path(&parts, &format!("content/{clean}")) {
        return Err(d);
    }
    let (rel, text) = starting_file(root, kind, &clean, &parts)?;
    write_new(root, rel, text)
}

/// The path (from the site root) and text of the file `shian new` creates for `clean`.
fn starting_file(
    root: &Path,
    kind: NewKind,
    clean: &str,
    parts: &[String],
) -> Result<(String, String), Diagnostic> {
    let name = parts.last().cloned().unwrap_or_default();
    use crate::content::kinds::{role, Role};
    Ok(match kind {
        NewKind::Page => {
            let rel = format!("content/{clean}.md");
            let text = match role(&format!("{clean}.md")) {
                Role::Law => law_template(&name),
                Role::Lesson => lesson_template(&name, 10),
                _ => format!(
                    "+++\ntitle = \"{name}\"          # 页面标题，可以用中文\ndescription = \"\"    # 一句话简介\nweight = 10          # 在栏目中的顺序，小的在前\n+++\n\n## 第一节 {{#part-1}}\n\n在这里用 Markdown 写正文。\n"
                ),
            };
            (rel, text)
        }
        NewKind::Section if role(&format!("{clean}/_index.md")) == Role::Course => (
            format!("content/{clean}/_index.md"),
            course_template(&name),
        ),
        NewKind::Section => (
            format!("content/{clean}/_index.md"),
            format!(
                "+++\ntitle = \"{name}\"          # 栏目标题，可以用中文\ndescription = \"\"\nweight = 10\nsort_by = \"weight\"   # weight | date | title\n+++\n\n栏目简介。\n"
            ),
        ),
        NewKind::Course => {
            if parts.len() != 1 {
                return Err(Diagnostic::error("E-NEW", format!("`{clean}` is not a course name"))
                    .with_hint("give the course folder name only, e.g. `shian new course haccp`"));
            }
            (format!("content/courses/{clean}/_index.md"), course_template(&name))
        }
        NewKind::Lesson => lesson_file(root, clean, parts, &name)?,
    })
}

/// The path and text of a new lesson `COURSE/LESSON`, weighted after the course's lessons.
fn lesson_file(
    root: &Path,
    clean: &str,
    parts: &[String],
    name: &str,
) -> Result<(String, String), Diagnostic> {
    let [course, _] = parts else {
        return Err(
            Diagnostic::error("E-NEW", format!("`{clean}` is not COURSE/LESSON"))
                .with_hint("e.g. `shian new lesson haccp/principles`"),
        );
    };
    let course_dir = root.join("content/courses").join(course);
    if !course_dir.join("_index.md").is_file() {
        return Err(
            Diagnostic::error("E-NEW", format!("there is no course `{course}`"))
                .with_hint(format!("create it first with `shian new course {course}`")),
        );
    }
    let lessons = std::fs::read_dir(&course_dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    n.ends_with(".md") && n != "_index.md"
                })
                .count()
        })
        .unwrap_or(0);
    Ok((
        format!("content/courses/{clean}.md"),
        lesson_template(name, (lessons as i64 + 1) * 10),
    ))
}

/// Writes a new file at `rel` under `root`, refusing to overwrite one that exists.
fn write_new(root: &Path, rel: String, text: String) -> Result<PathBuf, Diagnostic> {
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

/// `shian edition freeze NAME`: copies `content/{courses,banks,exams,checklists}` into `editions/NAME/`.
/// Returns how many files were copied.
pub fn freeze(root: &Path, name: &str) -> Result<usize, Diagnostic> {
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(
            Diagnostic::error("E-NEW", format!("{} has no site.toml", root.display()))
                .with_hint("run this inside a site folder, or pass --root DIR"),
        );
    }
    if let Some(d) = crate::paths::check_path(&[name.to_string()], &format!("editions/{name}")) {
        return Err(d);
    }
    let target = root.join("editions").join(name);
    if target.exists() {
        return Err(Diagnostic::error(
            "E-EDITION-EXISTS",
            format!("editions/{name}/ already exists"),
        )
        .in_file(format!("editions/{name}/"))
        .with_hint("an archived edition is permanent; choose another name"));
    }
    let mut copied = 0;
    for sub in ["courses", "banks", "exams", "checklists"] {
        let from = root.join("content").join(sub);
        if !from.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&from).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Diagnostic::error("E-IO", format!("cannot read {}: {e}", from.display()))
            })?;
            let Ok(rel) = entry.path().strip_prefix(&from) else {
                continue;
            };
            let dest = target.join(sub).join(rel);
            let io = |e: std::io::Error| {
                Diagnostic::error("E-IO", format!("cannot write {}: {e}", dest.display()))
            };
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).map_err(io)?;
            } else {
                std::fs::copy(entry.path(), &dest).map_err(io)?;
                copied += 1;
            }
        }
    }
    if copied == 0 {
        return Err(Diagnostic::error("E-EDITION-EMPTY", "there is nothing to freeze")
            .with_hint("an edition holds content/courses, content/banks and content/exams; the site has none of them"));
    }
    Ok(copied)
}
