# 命令行自身的文字（policy check、eval、test、fmt 的汇总）。
# 参数：计数为数字；金额以已格式化的文本传入。

list-separator = ，

check-summary = 已检查 { $files } 个文件：{ $policies } 项政策，{ $rules } 条规则，{ $warnings } 个警告
check-acknowledged = 已确认 { $count } 个警告
