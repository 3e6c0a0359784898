<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ImportChoiceDialog</name>
    <message>
        <source>Import from TikTok</source>
        <translation>Importar de TikTok</translation>
    </message>
    <message>
        <source>This export has favourites and liked videos. Which do you want to import?</source>
        <translation>Esta exportación tiene favoritos y vídeos que te gustan. ¿Cuáles quieres importar?</translation>
    </message>
    <message numerus="yes">
        <source>Favourites (%n)</source>
        <translation>
            <numerusform>Favoritos (%n)</numerusform>
            <numerusform>Favoritos (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Liked videos (%n)</source>
        <translation>
            <numerusform>Vídeos que te gustan (%n)</numerusform>
            <numerusform>Vídeos que te gustan (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Both (%n)</source>
        <translation>
            <numerusform>Ambos (%n)</numerusform>
            <numerusform>Ambos (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In both lists: %n (imported once).</source>
        <translation>
            <numerusform>En ambas listas: %n (se importa una vez).</numerusform>
            <numerusform>En ambas listas: %n (se importan una vez).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your own posts, never imported: %n.</source>
        <translation>
            <numerusform>Tus propias publicaciones, nunca importadas: %n.</numerusform>
            <numerusform>Tus propias publicaciones, nunca importadas: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
</context>
</TS>
