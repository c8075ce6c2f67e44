function __kpireview_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kpireview_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __kpireview_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kpireview_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __kpireview_parse_tokens -S
    set -l unparsed_tokens (__kpireview_tokens -pc)
    switch $unparsed_tokens[1]
    case 'kpireview'
        __kpireview_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __kpireview_parse_subcommand 0 'config=' 'cadence=' 'period=' 'from=' 'to=' 'as-of=' 'out=' 'format=' 'strict' 'quiet' 'verbose' 'send' 'version' 'h/help'
        case 'send'
            __kpireview_parse_subcommand -r 1 'config=' 'version' 'h/help'
        case 'validate'
            __kpireview_parse_subcommand 0 'config=' 'as-of=' 'version' 'h/help'
        case 'init'
            __kpireview_parse_subcommand 1 'from-csv=+' 'force' 'version' 'h/help'
        case 'demo'
            __kpireview_parse_subcommand 0 'out=' 'version' 'h/help'
        case 'generate'
            __kpireview_parse_subcommand 0 'rows=' 'seed=' 'out=' 'version' 'h/help'
        case 'help'
            __kpireview_parse_subcommand -r 1 'version'
        end
    end
end

function __kpireview_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __kpireview_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __kpireview_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __kpireview_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__kpireview_tokens -p)
    if test -z "$(__kpireview_tokens -t)"
        set -l index (count (__kpireview_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'kpireview' -f
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview" version' -l 'version' -d 'Show the version.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_positional "kpireview" -eq 1' -fa 'run' -d 'Compute the reviews and write their files.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_positional "kpireview" -eq 1' -fa 'send' -d 'Send (again) messages written earlier by the eml format.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_positional "kpireview" -eq 1' -fa 'validate' -d 'Check the configuration and every input; write nothing.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_positional "kpireview" -eq 1' -fa 'init' -d 'Write a commented starter kpireview.yml with sample CSVs, or a draft for your own exports.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_positional "kpireview" -eq 1' -fa 'demo' -d 'Run the bundled demo company: every cadence, as of 2026-11-15.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_positional "kpireview" -eq 1' -fa 'generate' -d 'Write a deterministic synthetic company of any size (for tests and benchmarks).'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_positional "kpireview" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" config' -l 'config' -d 'Configuration file.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" cadence' -l 'cadence' -d 'Comma-separated cadences: weekly, monthly, quarterly.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" period' -l 'period' -d 'A period id (2026-W46, 2026-11, 2026-Q4, FY2027-Q1), a date in it, or \'current\'.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" from' -l 'from' -d 'Backfill: every complete period whose end lies in --from … --to.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" to' -l 'to' -d 'End of the backfill range.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" as-of' -l 'as-of' -d 'Last day of data to use (default: yesterday).' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" out' -l 'out' -d 'Output folder.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" format' -l 'format' -d 'Comma-separated formats: xlsx, md, json, html, eml (default: the config\'s).' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" strict' -l 'strict' -d 'Any rejected row fails the run; nothing is written.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" quiet' -l 'quiet' -d 'Print nothing on success.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" verbose' -l 'verbose' -d 'Print more detail.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" send' -l 'send' -d 'Pipe each written report\'s email to email.sendmail once all are written (send_if decides which).'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" version' -l 'version' -d 'Show the version.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview send" config' -l 'config' -d 'Configuration file (for email.sendmail).' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview send" version' -l 'version' -d 'Show the version.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview send" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview validate" config' -l 'config' -d 'Configuration file.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview validate" as-of' -l 'as-of' -d 'Last day of data to use (default: yesterday).' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview validate" version' -l 'version' -d 'Show the version.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview init"' -l 'from-csv' -d 'Your CSV exports: propose sources and KPIs for them instead of the sample company.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview init" force' -l 'force' -d 'Replace existing files.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview init" version' -l 'version' -d 'Show the version.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview demo" out' -l 'out' -d 'Output folder.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview demo" version' -l 'version' -d 'Show the version.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview demo" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview generate" rows' -l 'rows' -d 'Order rows.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview generate" seed' -l 'seed' -d 'Random seed; the same seed gives the same bytes.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview generate" out' -l 'out' -d 'Output folder.' -rfka ''
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview generate" version' -l 'version' -d 'Show the version.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview generate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kpireview' -n '__kpireview_should_offer_completions_for_flags_or_options "kpireview help" version' -l 'version' -d 'Show the version.'
