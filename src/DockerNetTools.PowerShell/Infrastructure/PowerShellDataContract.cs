using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation.Language;
using DockerNetTools.Analysis.Contract;

namespace DockerNetTools.PowerShell.Infrastructure
{
    /// <summary>
    /// Reads a contract written as PowerShell data (.psd1) into the core's <see cref="ContractNode"/>s, with PowerShell's
    /// own parser, so every node keeps its line and column. Data only, as Import-PowerShellDataFile allows: hashtables,
    /// arrays, strings, numbers, $true, $false and $null; a variable, a command or an expression is a contract error, never run.
    /// </summary>
    internal static class PowerShellDataContract
    {
        public static NetworkContract Parse(string text, string sourceName)
        {
            var ast = Parser.ParseInput(text, sourceName, out _, out var parseErrors);
            var errors = parseErrors.Select(e => ContractReader.Line(sourceName, e.Extent.StartLineNumber, e.Extent.StartColumnNumber, e.Message)).ToList();
            if (errors.Count > 0) throw ContractReader.Invalid(sourceName, errors, null);

            var problems = new List<(int Line, int Column, string Reason)>();
            var statements = ast.EndBlock?.Statements ?? (IReadOnlyList<StatementAst>)Array.Empty<StatementAst>();
            ContractNode? root = null;
            if (ast.ParamBlock != null || ast.BeginBlock != null || ast.ProcessBlock != null || statements.Count != 1)
                problems.Add((1, 1, "a .psd1 contract holds one hashtable: @{ Expectations = @( … ) }"));
            else
                root = Node(statements[0], problems);

            if (problems.Count > 0 || root == null)
                throw ContractReader.Invalid(sourceName, problems.OrderBy(p => p.Line).ThenBy(p => p.Column).Select(p => ContractReader.Line(sourceName, p.Line, p.Column, p.Reason)).ToList(), null);
            return ContractReader.Read(root, sourceName);
        }

        private static ContractNode? Node(Ast ast, List<(int, int, string)> problems)
        {
            var line = ast.Extent.StartLineNumber;
            var column = ast.Extent.StartColumnNumber;
            switch (ast)
            {
                case PipelineAst pipeline when pipeline.GetPureExpression() is ExpressionAst expression:
                    return Node(expression, problems);
                case HashtableAst hashtable:
                    var entries = new List<KeyValuePair<ContractNode, ContractNode>>();
                    foreach (var pair in hashtable.KeyValuePairs)
                    {
                        var key = Node(pair.Item1, problems);
                        var value = Node(pair.Item2, problems);
                        if (key != null && value != null) entries.Add(new KeyValuePair<ContractNode, ContractNode>(key, value));
                    }
                    return ContractNode.Map(entries, line, column);
                case ArrayExpressionAst array:
                    return ContractNode.List(Items(array.SubExpression.Statements, problems), line, column);
                case ArrayLiteralAst literal:
                    return ContractNode.List(literal.Elements.Select(e => Node(e, problems)).Where(n => n != null).Select(n => n!).ToList(), line, column);
                case ParenExpressionAst paren:
                    return Node(paren.Pipeline, problems);
                case StringConstantExpressionAst constant:
                    return ContractNode.Scalar(constant.Value, line, column);
                case ExpandableStringExpressionAst expandable when expandable.NestedExpressions.Count == 0:
                    return ContractNode.Scalar(expandable.Value, line, column);
                case ConstantExpressionAst constant:
                    return ContractNode.Scalar(Convert.ToString(constant.Value, CultureInfo.InvariantCulture), line, column);
                case VariableExpressionAst variable when variable.VariablePath.IsUnqualified && IsConstant(variable.VariablePath.UserPath, out var value):
                    return ContractNode.Scalar(value, line, column);
                default:
                    problems.Add((line, column, "'" + ast.Extent.Text + "' is not data: a .psd1 contract holds only @{ }, @( ), strings, numbers, $true, $false and $null"));
                    return null;
            }
        }

        // @( a; b ) and @( a, b ) both list a and b; a statement per line is the usual layout.
        private static List<ContractNode> Items(IEnumerable<StatementAst> statements, List<(int, int, string)> problems)
        {
            var items = new List<ContractNode>();
            foreach (var statement in statements)
            {
                var expression = (statement as PipelineAst)?.GetPureExpression();
                if (expression is ArrayLiteralAst literal) items.AddRange(literal.Elements.Select(e => Node(e, problems)).Where(n => n != null).Select(n => n!));
                else if (Node(statement, problems) is ContractNode node) items.Add(node);
            }
            return items;
        }

        private static bool IsConstant(string name, out string? value)
        {
            value = null;
            if (string.Equals(name, "true", StringComparison.OrdinalIgnoreCase)) value = "true";
            else if (string.Equals(name, "false", StringComparison.OrdinalIgnoreCase)) value = "false";
            else if (!string.Equals(name, "null", StringComparison.OrdinalIgnoreCase)) return false;
            return true;
        }
    }
}
