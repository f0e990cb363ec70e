# 命令行帮助（policy --help）的中文。


cli-about = 检查并评估用 policy-lang 写成的补贴政策
cli-error-format = 诊断的输出格式：`human`（终端，默认）、`plain`（日志与测试，纯 ASCII）或 `json`（供工具读取）
cli-lang = 消息的语言：`zh`（中文）或 `en`；不指定时依次由 `POLICY_LANG`、`LC_ALL`、`LC_MESSAGES`、`LANG` 决定，都不是已有语言时用英文
cli-amounts = 金额的写法：`yuan`（20,000,000）或 `wan`（2000万元、1.5亿元）；JSON 始终保留精确数字（默认 `yuan`）
cli-check-about = 解析规则文件并检查类型（文件夹中查找 *.policy）
cli-check-paths = 规则文件，或在其中查找 *.policy 的文件夹
cli-check-show-acknowledged = 同时列出规则以 `acknowledge` 答复的警告及其理由
cli-eval-about = 按一组 JSON 事实评估规则
cli-eval-paths = 规则文件，或在其中查找 *.policy 的文件夹
cli-eval-facts = 事实：JSON 文件；`-` 表示标准输入；CSV 文件夹（每种主体一个 `<kind>.csv`，上级主体编号为列；`ledger.csv`）；每种主体一张工作表的 `.xlsx` 工作簿；或一个 `.csv` 总体文件（每行一个顶层主体，按 --jsonl 方式评估）
cli-eval-as-of = 评估日（YYYY-MM-DD）；优先于事实中的 `as_of`（--jsonl 的每一行也是如此）；两者都没有时取今天（UTC）
cli-eval-explain = 只显示此主体（如 `enterprise.E1`）及其所含主体：考虑过的每条规则、是否给予奖励的原因以及资金池的计算
cli-eval-jsonl = 事实为 JSON Lines，每行一组；结果按顺序每行写出一个（文件名为 `.jsonl` 或 `.ndjson` 时自动采用）。有误的行给出带行号的错误记录。读取方离开（`| head`）时安静结束（退出码 0）；Ctrl-C 会写完当前行（退出码 130）
cli-eval-threads = JSON Lines 的工作线程数（默认：全部核心）。不超过现有核心数，也不超过一次评估的行数（4,096）
cli-eval-awards-only = JSON Lines：只输出奖励和合计，不含计算过程和原因（金额相同，快数倍、小数倍）
cli-eval-detail = JSON Lines：每条结果的详略：`full`（计算过程和原因，既有语句也有数值）、`compact`（计算步骤和分组的原因，只有数值，未获奖励的规则以其在 `compile --target json` 中的序号指称）或 `awards`（同 --awards-only）
cli-eval-decision-log = 为每个顶层主体向所给文件追加一行 JSON（时间、规则与事实的哈希、奖励、合计、事实），在输出结果之前写入磁盘（JSON Lines：单线程，每行先记录再写出）
cli-eval-format = 结果的输出格式：`table`（默认）、`json`、`csv`（每项奖励一行）或 `xlsx`（同样的行，写成工作簿）
cli-facts-needed-about = 列出每条规则读取的事实（条件、事项日期、金额、一次性键）及其计入的台账行：免申即享需要调取的数据
cli-facts-needed-paths = 规则文件，或在其中查找 *.policy 的文件夹
cli-facts-needed-rule = 只看这条规则（`CZ-03-2a` 或 `changzhou_2023.CZ-03-2a`）
cli-facts-needed-format = 清单的输出格式：`table`（默认）或 `json`
cli-replay-about = 用这些规则重新评估决定日志；任何决定结果不同则退出码为 1
cli-replay-log = 由 `--decision-log` 写出的日志
cli-replay-paths = 规则文件，或在其中查找 *.policy 的文件夹
cli-gen-about = 按规则的结构生成模拟企业总体：JSON Lines，每行一家企业
cli-gen-paths = 规则文件，或在其中查找 *.policy 的文件夹
cli-gen-count = 生成多少组事实
cli-gen-seed = 相同的种子生成相同的总体
cli-compile-about = 把检查过的规则交给其他工具：`json`（带版本的中间表示）或 `schema`（规则所读事实的 JSON Schema）
cli-compile-paths = 规则文件，或在其中查找 *.policy 的文件夹
cli-compile-target = 写出什么：`json`（带版本的中间表示）或 `schema`（事实的 JSON Schema）
cli-fmt-about = 按规范格式排版规则文件（保留注释）；除非指定 --check 或 --diff，否则改写文件
cli-fmt-paths = 规则文件，或在其中查找 *.policy 的文件夹
cli-fmt-check = 不写入；有文件未格式化则退出码为 1
cli-fmt-diff = 不写入；以统一差异格式显示将作的改动
cli-repl-about = 交互式起草和试算政策（在其中输入 `:help` 列出命令）
cli-repl-paths = 先载入的规则文件或文件夹
cli-repl-facts = 先读取的一组 JSON 事实
cli-serve-about = 通过 HTTP 提供规则服务（`/v1/evaluate`、`/v1/openapi.json` 等）；`SIGHUP` 或 `POST /v1/reload` 重新读取规则
cli-serve-paths = 规则文件，或在其中查找 *.policy 的文件夹
cli-serve-addr = 监听地址；端口 0 表示任取空闲端口（会打印地址）
cli-serve-max-body-bytes = 请求体的最大字节数
cli-serve-max-entities = 一组事实中主体的最大数量
cli-serve-timeout-ms = 单个请求的最长评估时间（毫秒）
cli-serve-max-batch-bytes = 批量请求体的最大字节数
cli-serve-decision-log = 为评估的每个顶层主体（含批量）向所给文件追加一行 JSON，在发送回答（或批量的该行）之前写入磁盘
cli-test-about = 运行写在规则旁的测试用例；最后一行为 `N 项通过，N 项失败`
cli-test-paths = 规则文件，或在其中查找 *.policy 的文件夹
cli-test-coverage = 同时列出没有测试覆盖的规则，若有则失败
cli-test-facts-root = 允许测试读取此文件夹下任意位置的 `facts "…"` 文件（默认测试的事实必须是测试文件所在文件夹或其子文件夹中的普通文件）
cli-test-format = 结果的输出格式：`table`（默认）或 `json`

## clap 输出的标题

cli-usage-heading = 用法
cli-commands-heading = 命令
cli-arguments-heading = 参数
cli-options-heading = 选项
cli-help = 显示帮助
cli-version = 显示版本
cli-help-command = 显示本帮助或指定子命令的帮助

## 用法和帮助中值的占位符（`<事实>`），以及 clap 自己写的 `[选项]`、`<命令>`

cli-value-error-format = 格式
cli-value-lang = 语言
cli-value-amounts = 写法
cli-value-paths = 路径
cli-value-facts = 事实
cli-value-as-of = 日期
cli-value-format = 格式
cli-value-explain = 主体
cli-value-threads = 线程数
cli-value-detail = 详略
cli-value-decision-log = 文件
cli-value-rule = 规则
cli-value-log = 日志
cli-value-count = 数量
cli-value-seed = 种子
cli-value-target = 目标
cli-value-addr = 地址
cli-value-max-body-bytes = 字节数
cli-value-max-entities = 数量
cli-value-timeout-ms = 毫秒
cli-value-max-batch-bytes = 字节数
cli-value-facts-root = 文件夹
cli-value-command = 命令
cli-value-options = 选项
