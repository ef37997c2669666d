/// The PowerShell functions a remediation script defines before its incidents, each written once.
enum ScriptFunctions {
    /// True only when the operator types YES (case-sensitive).
    static let confirmChange = [
        "function Confirm-Change([string] $What) {",
        "    (Read-Host \"$What`nType YES to go ahead\") -ceq 'YES'",
        "}",
    ]

    /// Asks for a proxy address until one looks like `smtp:user@domain`; empty: none.
    static let readProxyAddress = [
        "function Read-ProxyAddress([string] $Why) {",
        "    while ($true) {",
        "        $typed = Read-Host \"$Why`nProxy address you tried to add, with its prefix (smtp:user@contoso.com; empty: skip)\"",
        "        if (-not $typed) { return $null }",
        "        if ($typed -cmatch '\(RemediationAddress.pattern)') { return $typed }",
        "        Write-Warning ('Not a proxy address: ' + $typed)",
        "    }",
        "}",
    ]

    /// Adds or removes a proxy address with the Set- cmdlet of the recipient's type. `$Recipient`
    /// is what Get-Recipient returned, in Exchange Online or on premises (where a cloud mailbox
    /// is a RemoteUserMailbox).
    static let setRecipientProxyAddress = [
        "function Set-RecipientProxyAddress($Recipient, [ValidateSet('Add', 'Remove')] [string] $Change, [string] $Address) {",
        "    $edit = @{ $Change = $Address }",
        "    $id = $Recipient.Guid.ToString()",
        "    if ([string] $Recipient.RecipientTypeDetails -like 'Remote*Mailbox') { Set-RemoteMailbox -Identity $id -EmailAddresses $edit; return }",
        "    if ([string] $Recipient.RecipientTypeDetails -eq 'GroupMailbox') { Set-UnifiedGroup -Identity $id -EmailAddresses $edit; return }",
        "    switch ([string] $Recipient.RecipientType) {",
        "        'UserMailbox' { Set-Mailbox -Identity $id -EmailAddresses $edit }",
        "        'MailUser' { Set-MailUser -Identity $id -EmailAddresses $edit }",
        "        'MailContact' { Set-MailContact -Identity $id -EmailAddresses $edit }",
        "        'MailUniversalDistributionGroup' { Set-DistributionGroup -Identity $id -EmailAddresses $edit }",
        "        'MailUniversalSecurityGroup' { Set-DistributionGroup -Identity $id -EmailAddresses $edit }",
        "        'MailNonUniversalGroup' { Set-DistributionGroup -Identity $id -EmailAddresses $edit }",
        "        'PublicFolder' { Set-MailPublicFolder -Identity $id -EmailAddresses $edit }",
        "        default { throw ('No Set- cmdlet known for RecipientType ' + $_ + ': change ' + $Recipient.Name + ' by hand.') }",
        "    }",
        "}",
    ]
}
