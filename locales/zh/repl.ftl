# REPL 自身的文字（src/repl/）：欢迎语、:help 以及各命令的回答。

repl-banner = policy-lang 交互环境：:help 列出命令，Ctrl-D 退出
repl-cancelled = （已取消输入）
repl-history-not-saved = 注：历史记录无法保存到 { $path }：{ $error }

## :help

repl-help-help = 列出命令
repl-help-load = 载入规则文件或文件夹，替换之前载入的规则
repl-help-reload = 重新读取已载入的规则文件（修改之后）
repl-help-facts = 从 JSON 文件读取事实；不带参数时显示当前事实
repl-help-set = 设置一项事实，如 `:set enterprise.E1.drugs.D1.rd_cost = 3000万`
repl-help-unset = 删除一项事实或整个主体
repl-help-as-of = 显示或设置评估日（否则取事实的 `as_of`，再否则取今天）
repl-help-focus = 显示或设置表达式所针对的主体（否则取事实中的第一个）
repl-help-eval = 评估全部规则；指定主体时只评估它及其所含主体
repl-help-why = 某条规则给出的奖励，各附计算过程
repl-help-why-not = 某条规则为何不适用
repl-help-type = 表达式的类型（不求值）
repl-help-rules = 列出规则：政策、编号、主体类别、条款、标题
repl-help-schema = 列出枚举和主体类别及各字段的类型（? 表示可不填）
repl-help-show = 显示规则的原文及其出处
repl-help-quit = 退出交互环境（也可按 Ctrl-D）
repl-help-tail = 其他输入视为表达式，针对当前主体求值（如 `20% of rd_cost`），
    或视为加入本次会话的条目（规则、结构、政策、资金池、叠加、测试）；条目可跨多行，
    写完整即结束。Ctrl-C 取消输入，Ctrl-D 退出。

## 命令

repl-unknown-command = 没有命令 `{ $name }`：{ $help }
repl-help-lists-them = :help 可列出全部命令
repl-usage = 用法：{ $usage }
repl-usage-see-help = 用法：见 :help 中的 `{ $name }`
repl-usage-set = 用法：{ $usage }，如 :set enterprise.E1.rd_cost = 3000万
# 命令参数的占位符。
repl-arg-paths = 路径
repl-arg-file = 文件
repl-arg-path = 路径
repl-arg-value = 值
repl-arg-entity = 主体
repl-arg-rule = 规则
repl-arg-expr = 表达式
repl-arg-expression = 表达式
repl-no-facts-yet-set = 还没有事实：用 :facts <文件> 读取，或 `:set enterprise.E1 = { "{" } … { "}" }`
repl-not-a-date = `{ $text }` 不是日期；请写成 YYYY-MM-DD
repl-as-of = 评估日 { $date }（{ $from }）
repl-as-of-set = 由 :as_of 设定
repl-as-of-facts = 取自事实的 `as_of`
repl-as-of-today = 今天
repl-focus = 表达式针对 { $path }（类别 { $kind }）
repl-focus-no-facts = 没有事实：表达式按类别 { $kind } 检查
repl-no-facts = 没有事实
repl-and-more = 另有 { $count } 个
repl-no-entities = 没有主体
repl-facts-summary = 事实来自 { $name }：{ $roots }
repl-facts-summary-as-of = 事实来自 { $name }：{ $roots }；评估日 { $date }
repl-holds-facts = `{ $file }` 是事实而非规则：请用 :facts { $file } 读取（未作改动）
repl-nothing-changed = （未作改动）
repl-loaded = 已载入 { $files } 个文件：{ $policies } 项政策，{ $rules } 条规则
repl-loaded-warnings = 已载入 { $files } 个文件：{ $policies } 项政策，{ $rules } 条规则，{ $warnings } 个警告
repl-typed-do-not-fit = 本次会话中输入的条目与这些文件不符（未作改动）
repl-nothing-loaded = 尚未载入任何文件：:load <路径>
repl-facts-unchanged = （事实未改动）
repl-facts-do-not-fit-rules = 事实与这些规则不符；请用 :set / :unset 修改，或用 :facts <文件> 读取其他事实
repl-focus-gone = 当前主体 `{ $path }` 不在事实中；请用 :focus 另选
repl-facts-do-not-fit = 事实与已载入的规则不符；请用 :set / :unset 或 :facts <文件> 修改
repl-no-facts-yet = 还没有事实：用 :facts <文件> 读取，或用 :set 添加主体
repl-no-rule = 没有规则 `{ $name }`：{ $help }
repl-no-rule-bare = 没有规则 `{ $name }`
repl-several-rules = `{ $name }` 对应多条规则：{ $rules }；请指明一条

## :eval、:why、:why-not

repl-entity-says = { $entity }：{ $text }
repl-excluded = { $entity }：未予发放：{ $reason }
repl-paid-nothing = 未给出奖励；:why-not { $rule }{ $scope } 可说明原因
repl-not-applicable-to-others = （对另外 { $count } 个主体不适用：:why-not { $rule }{ $scope }）
repl-it-applies = { $entity }：适用：{ $award }（:why { $rule } { $entity }）
repl-none-of-kind = 事实中{ $under }没有 { $kind }，因此未评估 { $rule }
repl-none-of-kind-under = { $entity } 中

## :rules、:schema、:show

repl-no-rules-yet = 还没有规则：:load <路径>，或直接输入规则
repl-no-schema-yet = 还没有结构：:load <路径>，或输入 `schema { "{" } … { "}" }`
repl-column-policy = 政策
repl-column-rule = 规则
repl-column-for = 主体类别
repl-column-cite = 条款
repl-column-title = 标题
repl-no-such-rule = 没有该规则
repl-source-not-kept = 未保留原文

## 输入的条目

repl-added = 已添加{ $what } { $name }
repl-replaced = 已替换{ $what } { $name }
repl-added-rule = 已添加{ $what } { $name }，适用于 { $kind }（政策 { $policy }）
repl-replaced-rule = 已替换{ $what } { $name }，适用于 { $kind }（政策 { $policy }）
repl-policy-heads = 此后输入的规则归入政策 { $name }
repl-not-added = （未添加）

## 表达式、:set、:unset

repl-no-value-for = { $path } 没有值：{ $reason }
repl-no-value = 没有值：{ $reason }（还没有事实：:facts <文件>）
repl-no-type = 该表达式没有类型
repl-no-schema-names = 还没有结构，名称无从解释：:load <路径>，或输入 `schema { "{" } … { "}" }`
repl-set = { $path } = { $value }
repl-set-was = { $path } = { $value }（原为 { $old }）
repl-removed = 已删除 { $path }（原为 { $old }）
repl-no-facts-to-change = 没有可修改的事实
repl-item-rule = 规则
repl-item-schema = 结构
repl-item-pool = 资金池
repl-item-stack = 叠加
repl-item-test = 测试
repl-item-value = 取值
repl-item-schedule = 标准
repl-item-amendment = 修订
repl-value-after-equals = 请在 `=` 后给出值
repl-not-a-value = `{ $text }` 不是一个值：{ $error }
repl-not-a-path-example = `{ $path }` 不是路径；应写成如 `enterprise.E1.rd_cost`
repl-not-a-path = `{ $path }` 不是路径
repl-id-in-path-set = 主体的编号是其路径的一部分：请先 :unset 再重新 :set
repl-id-in-path-unset = 主体的编号是其路径的一部分：请 :unset 整个主体
repl-no-entity-add = 事实中没有主体 `{ $entity }`；可用 `:set { $entity } = { "{" } … { "}" }` 添加
repl-no-entity = 事实中没有主体 `{ $entity }`
repl-entity-needs-object = `{ $path }` 是主体：请以 JSON 对象给出其事实，如 `{ "{" } "field": … { "}" }`
repl-facts-have-no = 事实中没有 `{ $part }`
repl-has-no = `{ $here }` 中没有 `{ $part }`
repl-is-which-has-no = `{ $here }` 是{ $kind }，其中没有 `{ $part }`
repl-json-null = 空值
repl-json-bool = 真假值
repl-json-number = 数字
repl-json-text = 文字
repl-json-list = 列表
repl-json-object = 对象
repl-schema-listed-in = 位于 { $list }
