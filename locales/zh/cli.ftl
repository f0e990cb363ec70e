# 命令行自身的文字（policy check、eval、test、fmt 的汇总）。
# 参数：计数为数字；金额以已格式化的文本传入。

list-separator = ，

check-summary = 已检查 { $files } 个文件：{ $policies } 项政策，{ $rules } 条规则，{ $warnings } 个警告
check-acknowledged = 已确认 { $count } 个警告

check-acknowledged-line = 已确认 { $at }{ $item }（{ $name }）：{ $warning }
check-acknowledged-reason = 理由：{ $reason }

## policy test

test-ok = 通过
test-failed = 失败
test-summary = { $passed } 项通过，{ $failed } 项失败
test-coverage = 覆盖率：{ $total } 条规则中有 { $exercised } 条经测试覆盖
test-not-exercised = 未覆盖：{ $rule }
test-got = 实际：{ $got }
test-an-award-of = 奖励 { $amount }
test-not-applicable = 不适用：{ $reason }
test-excluded = 未予发放：{ $reason }
test-no-outcome-for-rule = 没有任何结果（事实中是否有 `{ $entity }`？`{ $rule }` 是否适用于它的类别？）
test-no-outcome = 没有任何结果（事实中是否有 `{ $entity }`？）
test-total = 应发 { $owed }，上限 { $ceiling }，一事一议 { $case_by_case } 项
test-a-share-of = `{ $payer }` 分担 { $amount }（{ $shares }）
test-no-amount-for = `{ $payer }` 没有金额（{ $shares }）
test-no-trace-line = 计算过程中没有包含 { $text } 的一行；计算过程：
test-got-facts-that-load = 实际：事实可以载入
test-got-other-diagnostics = 实际：其他诊断：
test-got-no-evaluation = 实际：未能评估，事实无法载入
test-no-facts = 该测试未给出事实（facts）
test-no-as-of = 该测试未给出评估日（as_of），其事实也未给出

## policy eval --jsonl、replay、fmt

batch-summary = 已评估 { $lines } 组事实，{ $failed } 组失败
batch-summary-interrupted = 已评估 { $lines } 组事实，{ $failed } 组失败（已中断）
replay-summary = 已重放 { $decisions } 项决定：{ $different } 项不同；{ $other } 项由其他规则作出
fmt-not-formatted = 未格式化：{ $file }
fmt-formatted = 已格式化 { $file }
facts-needed-no-rule = 所给规则中没有 `{ $rule }`；去掉 --rule 可列出全部
cli-workbook-to-terminal = 工作簿是二进制文件：请重定向到文件（`> awards.xlsx`）
cli-decision-log-needs-jsonl = --decision-log 记录的是 JSON Lines；请以 JSON Lines 给出全部事实
# 批量评估时的进度指示：三个参数是进度条自己的字段。
batch-progress = { $spinner } 已评估 { $count } 组事实，{ $rate }
